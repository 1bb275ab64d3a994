using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Fabricish.Benchmarks.Network;
using Fabricish.Channels.Msp;
using Fabricish.Testing;

namespace Fabricish.Benchmarks.Micro;

/// <summary>
/// What the orderer does per envelope creator: deserialize the serialized identity through the channel's MSPs (a
/// cache hit after the first envelope, so only the validity re-check remains) and verify the signature with it.
/// </summary>
[MemoryDiagnoser]
public class MspBenchmarks : IDisposable
{
    private TestNetwork _network = null!;
    private MspManager _msps = null!;
    private byte[] _identity = null!;
    private byte[] _message = null!;
    private byte[] _signature = null!;

    [GlobalSetup]
    public void Setup()
    {
        _network = new TestNetwork("benchchannel");
        _msps = _network.Config.Msps;
        _identity = _network.Org1Client.Serialize();
        _message = RandomNumberGenerator.GetBytes(1024);
        _signature = _network.Org1Client.Sign(_message);
        if (!DeserializeAndVerify())
        {
            throw new InvalidOperationException("the client's identity or signature did not check out");
        }
    }

    [Benchmark(Description = "Deserialize (cache hit)")]
    public bool Deserialize() => _msps.Deserialize(_identity).IsValid;

    [Benchmark(Description = "Deserialize (cache hit) + Verify")]
    public bool DeserializeAndVerify() => _msps.Deserialize(_identity).Identity is { } identity && identity.Verify(_message, _signature);

    [GlobalCleanup]
    public void Dispose()
    {
        _network?.Dispose();
        GC.SuppressFinalize(this);
    }
}
