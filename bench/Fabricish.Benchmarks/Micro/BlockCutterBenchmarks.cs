using BenchmarkDotNet.Attributes;
using Fabricish.Channels.Config.Profile;
using Fabricish.Orderer.Cutting;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Benchmarks.Micro;

/// <summary>BlockCutter.Ordered for 1 KB envelopes, at the sample channel's batch size (10 messages, 512 KB preferred)
/// and a throughput-oriented one (500 messages); a cut every N-th call is part of the per-message cost.</summary>
[MemoryDiagnoser]
public class BlockCutterBenchmarks
{
    private const int Envelopes = 1024;

    private Envelope[] _envelopes = null!;
    private BlockCutter _cutter = null!;
    private int _next;

    [Params(10u, 500u)]
    public uint MaxMessageCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _envelopes = new Envelope[Envelopes];
        for (int i = 0; i < Envelopes; i++)
        {
            byte[] payload = new byte[952];
            byte[] signature = new byte[72];
            random.NextBytes(payload);
            random.NextBytes(signature);
            _envelopes[i] = new Envelope { Payload = ByteString.CopyFrom(payload), Signature = ByteString.CopyFrom(signature) };
        }

        _cutter = new BlockCutter(new BatchSizeSpec(MaxMessageCount, 99 * 1024 * 1024, 512 * 1024));
    }

    [Benchmark(Description = "Ordered(1 KB envelope)")]
    public int Ordered()
    {
        CutResult result = _cutter.Ordered(_envelopes[_next++ & (Envelopes - 1)]);
        return result.Batches.Count;
    }
}
