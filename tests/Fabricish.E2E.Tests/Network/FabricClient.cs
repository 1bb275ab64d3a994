using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Protos.Peer;
using Fabricish.Testing.Transactions;
using Grpc.Core;
using Status = Fabricish.Protos.Common.Status;

namespace Fabricish.E2E.Tests.Network;

/// <summary>The client side of execute → order → validate that the tests share: endorse at peers, broadcast to the
/// orderer, wait for the peers' commits.</summary>
public static class FabricClient
{
    /// <summary>Has every peer endorse the proposal; fails the test with the peer's log if one does not.</summary>
    public static async Task<ProposalResponse[]> EndorseAsync(ProposalDraft draft, params PeerNode[] peers)
    {
        ProposalResponse[] responses = await Task.WhenAll(peers.Select(p => ProcessAsync(p, draft)));
        for (int i = 0; i < responses.Length; i++)
        {
            Assert.True(responses[i].Response.Status == 200, $"{peers[i].MspId} peer did not endorse: {responses[i].Response}\n{peers[i].LogTail()}");
        }

        return responses;
    }

    /// <summary>A peer refuses a simulation that reads state newer than the savepoint it started at, asking the client
    /// to retry the proposal; right after a commit the endorser's savepoint can lag the delivered block briefly.</summary>
    public static async Task<ProposalResponse> ProcessAsync(PeerNode peer, ProposalDraft draft, TimeSpan? timeout = null)
    {
        for (int attempt = 1; ; attempt++)
        {
            ProposalResponse response = await peer.Endorser.ProcessProposalAsync(draft.Signed, deadline: DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(45)));
            if (attempt == 10 || response.Response.Status == 200 || !response.Response.Message.Contains("retry the proposal", StringComparison.Ordinal))
            {
                return response;
            }

            await Task.Delay(100 * attempt);
        }
    }

    /// <summary>Broadcasts the envelope and waits until both peers have committed it.</summary>
    public static Task<CommittedTx[]> SubmitAsync(NetworkFixture network, Envelope envelope, string txId) =>
        SubmitAsync(network.Orderer, network.Org1User, envelope, txId, network.Peers);

    /// <summary>Broadcasts the envelope to <paramref name="orderer"/> and waits until each of <paramref name="peers"/>
    /// has committed it, watching their commits as <paramref name="watcher"/>.</summary>
    public static async Task<CommittedTx[]> SubmitAsync(
        AtomicBroadcast.AtomicBroadcastClient orderer, SigningIdentity watcher, Envelope envelope, string txId, IEnumerable<PeerNode> peers)
    {
        using (AsyncDuplexStreamingCall<Envelope, BroadcastResponse> call = orderer.Broadcast(deadline: DateTime.UtcNow.AddSeconds(30)))
        {
            await call.RequestStream.WriteAsync(envelope);
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None), "the orderer closed the broadcast stream");
            Assert.Equal(Status.Success, call.ResponseStream.Current.Status);
            await call.RequestStream.CompleteAsync();
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                // The orderer answers each envelope once; this lets it end the stream cleanly.
            }
        }

        return await Task.WhenAll(peers.Select(p => CommitWatcher.WaitForAsync(p, watcher, txId)));
    }

    /// <summary>Endorses <paramref name="args"/> at both peers, submits the transaction and asserts it committed VALID on both.</summary>
    public static async Task<CommittedTx[]> InvokeAsync(NetworkFixture network, params string[] args)
    {
        ProposalDraft draft = ChaincodeProposals.Create(network.Org1User, NetworkFixture.ChannelId, NetworkFixture.Chaincode, args);
        ProposalResponse[] responses = await EndorseAsync(draft, network.Org1Peer, network.Org2Peer);
        CommittedTx[] commits = await SubmitAsync(network, ChaincodeProposals.Transaction(draft, network.Org1User, responses), draft.TxId);
        Assert.All(commits, c => Assert.Equal(TxValidationCode.Valid, c.ValidationCode));
        return commits;
    }

    public static string NewAssetId() => "asset-" + Guid.NewGuid().ToString("N")[..12];
}
