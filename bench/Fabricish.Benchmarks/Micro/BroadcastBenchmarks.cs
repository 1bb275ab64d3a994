using BenchmarkDotNet.Attributes;
using Fabricish.Benchmarks.Network;
using Fabricish.Channels.Config;
using Fabricish.Orderer.Broadcast;
using Fabricish.Orderer.MsgProcessor;
using Fabricish.Protos.Common;
using Fabricish.Testing;

namespace Fabricish.Benchmarks.Micro;

/// <summary>
/// BroadcastHandler.ProcessMessage for a 1 KB signed endorser transaction: payload and header parsing, the
/// standard channel's filters, and the /Channel/Writers policy (one cached identity look-up, one verify). The two
/// costly filters are also measured alone, each including the one header read it needs.
/// </summary>
[MemoryDiagnoser]
public class BroadcastBenchmarks : IDisposable
{
    private const int Envelopes = 256;

    private TestNetwork _network = null!;
    private BroadcastHandler _handler = null!;
    private ExpirationRejectRule _expiration = null!;
    private ChannelConfig _config = null!;
    private Envelope[] _envelopes = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _network = new TestNetwork("benchchannel");
        _config = _network.Config;
        _expiration = new ExpirationRejectRule(TimeProvider.System);
        var channel = new StandardChannel(_config);
        _handler = new BroadcastHandler(id => id == channel.ChannelId ? channel : null);
        int dataBytes = BenchEnvelopes.DataBytesFor(_network.Org1Client, _network.Config.ChannelId, BenchEnvelopes.DefaultEnvelopeBytes);
        _envelopes = [.. Enumerable.Range(0, Envelopes).Select(i => BenchEnvelopes.Signed(_network.Org1Client, _network.Config.ChannelId, i, dataBytes))];
        BroadcastOutcome outcome = _handler.ProcessMessage(_envelopes[0]);
        if (!outcome.IsAccepted)
        {
            throw new InvalidOperationException($"broadcast refused the envelope: {outcome.Status} {outcome.Info}");
        }
    }

    [Benchmark(Description = "ProcessMessage(1 KB envelope)")]
    public bool ProcessMessage() => _handler.ProcessMessage(_envelopes[_next++ & (Envelopes - 1)]).IsAccepted;

    /// <summary>The filters ProcessMessage runs, one by one, to show where its time goes.</summary>
    [Benchmark(Description = "  of which ExpirationRejectRule")]
    public bool Expiration() => _expiration.Apply(BroadcastMessage.Parse(_envelopes[_next++ & (Envelopes - 1)]), _config).IsOk;

    [Benchmark(Description = "  of which SigFilter (/Channel/Writers)")]
    public bool Writers() => SigFilter.ChannelWriters.Apply(BroadcastMessage.Parse(_envelopes[_next++ & (Envelopes - 1)]), _config).IsOk;

    [GlobalCleanup]
    public void Dispose()
    {
        _network?.Dispose();
        GC.SuppressFinalize(this);
    }
}
