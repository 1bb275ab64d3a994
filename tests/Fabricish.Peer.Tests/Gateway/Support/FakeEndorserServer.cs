using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Fabricish.Testing.Servers;
using Grpc.Core;

namespace Fabricish.Peer.Tests.Gateway.Support;

/// <summary>Another organisation's peer: a real gRPC <c>protos.Endorser</c> server on a loopback port, answering as the
/// test decides (by default Org2's peer endorsing the same result as the gateway's own peer).</summary>
internal sealed class FakeEndorserServer : IAsyncDisposable
{
    private LoopbackGrpcServer _server = null!;
    private int _calls;

    private FakeEndorserServer()
    {
    }

    public string Address => _server.Address;

    public Func<SignedProposal, ProposalResponse> Answer { get; set; } =
        proposal => TestEndorsements.Success(proposal, TestNetwork.Shared.Org2Peer);

    public int Calls => Volatile.Read(ref _calls);

    public static async Task<FakeEndorserServer> StartAsync()
    {
        var fake = new FakeEndorserServer();
        fake._server = await LoopbackGrpcServer.StartAsync(new Service(fake));
        return fake;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    internal sealed class Service(FakeEndorserServer server) : Protos.Peer.Endorser.EndorserBase
    {
        public override Task<ProposalResponse> ProcessProposal(SignedProposal request, ServerCallContext context)
        {
            Interlocked.Increment(ref server._calls);
            return Task.FromResult(server.Answer(request));
        }
    }
}
