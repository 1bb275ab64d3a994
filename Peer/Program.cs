using Fabricish.Hosting;
using Fabricish.Ledger.State.CouchDb;
using Fabricish.Peer.Host;
using Microsoft.Extensions.Options;

// fabricish-peer: see PeerHost for the settings and README for an example.
SocketCompletions.PreferInline();
try
{
    await PeerHost.Build(PeerHost.CreateBuilder(args)).RunAsync().ConfigureAwait(false);
    return 0;
}
catch (OptionsValidationException e)
{
    foreach (string failure in e.Failures)
    {
        await Console.Error.WriteLineAsync($"fabricish-peer: invalid setting: {failure}").ConfigureAwait(false);
    }

    return 2;
}
catch (CouchDbAuthenticationException e)
{
    await Console.Error.WriteLineAsync($"fabricish-peer: {e.Message}").ConfigureAwait(false);
    return 1;
}
