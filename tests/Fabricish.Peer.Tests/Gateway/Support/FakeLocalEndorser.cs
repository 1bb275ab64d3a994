using Fabricish.Peer.Gateway;
using Fabricish.Protos.Peer;
using Fabricish.Testing;

namespace Fabricish.Peer.Tests.Gateway.Support;

/// <summary>The gateway peer's own endorser (Org1), answering as the test decides; records the calls.</summary>
internal sealed class FakeLocalEndorser(string mspId, params string[] chaincodes) : ILocalEndorser
{
    private int _calls;

    public string MspId { get; } = mspId;

    public Func<SignedProposal, bool, ProposalResponse> Answer { get; set; } =
        (proposal, _) => TestEndorsements.Success(proposal, TestNetwork.Shared.Org1Peer);

    public int Calls => Volatile.Read(ref _calls);

    public bool? LastEvaluate { get; private set; }

    public ValueTask<bool> HasChaincodeAsync(string channelId, string chaincodeName, CancellationToken cancellationToken) =>
        ValueTask.FromResult(chaincodes.Contains(chaincodeName));

    public Task<ProposalResponse> ProcessProposalAsync(SignedProposal proposal, bool evaluate, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        LastEvaluate = evaluate;
        return Task.FromResult(Answer(proposal, evaluate));
    }
}
