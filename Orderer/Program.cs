using Fabricish.Hosting;
using Fabricish.Orderer.Host;
using Microsoft.Extensions.Options;

// fabricish-orderer: see OrdererHost for the settings and README for an example.
SocketCompletions.PreferInline();
try
{
    await OrdererHost.Build(OrdererHost.CreateBuilder(args)).RunAsync().ConfigureAwait(false);
    return 0;
}
catch (OptionsValidationException e)
{
    foreach (string failure in e.Failures)
    {
        await Console.Error.WriteLineAsync($"fabricish-orderer: invalid setting: {failure}").ConfigureAwait(false);
    }

    return 2;
}
