using Fabricish.Explorer.Hosting;
using Microsoft.Extensions.Options;

// fabricish-explorer: see ExplorerHost for the settings; ./fabricish explorer starts it on a network up made.
try
{
    await ExplorerHost.Build(ExplorerHost.CreateBuilder(args)).RunAsync().ConfigureAwait(false);
    return 0;
}
catch (OptionsValidationException e)
{
    foreach (string failure in e.Failures)
    {
        await Console.Error.WriteLineAsync($"fabricish-explorer: invalid setting: {failure}").ConfigureAwait(false);
    }

    return 2;
}
