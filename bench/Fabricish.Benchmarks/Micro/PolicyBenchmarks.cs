using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Fabricish.Benchmarks.Network;
using Fabricish.Channels.Config.Profile;
using Fabricish.Channels.Policies;
using Fabricish.Testing;

namespace Fabricish.Benchmarks.Micro;

/// <summary>An endorsement-style policy, AND('Org1MSP.peer','Org2MSP.peer'), over two valid signatures: two cached
/// identity look-ups, two verifies, the principal checks.</summary>
[MemoryDiagnoser]
public class PolicyBenchmarks : IDisposable
{
    private const string PolicyName = "BenchEndorsement";

    private TestNetwork _network = null!;
    private IPolicy _policy = null!;
    private SignedData[] _signatures = null!;

    [GlobalSetup]
    public void Setup()
    {
        // The compiler behind PolicyManager is internal, so the rule goes into the channel config as an application
        // policy and is compiled the way every channel policy is.
        _network = new TestNetwork("benchchannel", p => p with
        {
            Application = p.Application! with
            {
                Policies = new Dictionary<string, PolicySpec>(p.Application.Policies)
                {
                    [PolicyName] = new PolicySpec(PolicySpec.SignatureType, "AND('Org1MSP.peer','Org2MSP.peer')", "bench"),
                },
            },
        });
        _policy = _network.Config.Policies.TryGetPolicy("/Channel/Application/" + PolicyName, out IPolicy? policy)
            ? policy
            : throw new InvalidOperationException("the benchmark policy is missing from the channel config");
        byte[] message = RandomNumberGenerator.GetBytes(1024);
        _signatures =
        [
            new SignedData(message, _network.Org1Peer.Serialize(), _network.Org1Peer.Sign(message)),
            new SignedData(message, _network.Org2Peer.Serialize(), _network.Org2Peer.Sign(message)),
        ];
        PolicyResult result = _policy.Evaluate(_signatures);
        if (!result.Satisfied)
        {
            throw new InvalidOperationException($"the policy is not satisfied: {result.Reason}");
        }
    }

    [Benchmark(Description = "AND(Org1.peer, Org2.peer) over 2 signatures")]
    public bool Evaluate() => _policy.Evaluate(_signatures).Satisfied;

    [GlobalCleanup]
    public void Dispose()
    {
        _network?.Dispose();
        GC.SuppressFinalize(this);
    }
}
