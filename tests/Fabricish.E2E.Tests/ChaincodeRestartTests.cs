using System.Text.Json;
using Fabricish.E2E.Tests.Network;
using Fabricish.Protos.Peer;
using Fabricish.Testing.Transactions;

namespace Fabricish.E2E.Tests;

/// <summary>A peer's chaincode-as-a-service server crashing and coming back: the peer answers proposals with an
/// error meanwhile instead of hanging, and dials the server again once it is back.</summary>
[Collection(E2ENetworkCollection.Name)]
public sealed class ChaincodeRestartTests(NetworkFixture network)
{
    private static readonly TimeSpan ProposalTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_killed_chaincode_process_gives_an_error_and_service_returns_when_it_restarts()
    {
        string id = FabricClient.NewAssetId();
        await FabricClient.InvokeAsync(network, "CreateAsset", id, "orange", "6", "Tomoko", "700");
        PeerNode peer = network.Org1Peer;
        ProposalResponse before = await ReadAssetAsync(peer, id);
        Assert.True(before.Response.Status == 200, $"ReadAsset failed before the kill: {before.Response}\n{peer.LogTail()}");

        try
        {
            network.KillChaincode(peer);

            ProposalResponse failed = await ReadAssetAsync(peer, id);
            Assert.True(failed.Response.Status >= 400, $"ReadAsset with the chaincode down answered {failed.Response}");
            Assert.False(string.IsNullOrWhiteSpace(failed.Response.Message), "the error response carries no message");

            await network.StartChaincodeAsync(peer);

            DateTime deadline = DateTime.UtcNow + RecoveryTimeout;
            ProposalResponse after = await ReadAssetAsync(peer, id);
            while (after.Response.Status != 200 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
                after = await ReadAssetAsync(peer, id);
            }

            Assert.True(after.Response.Status == 200, $"ReadAsset still fails {RecoveryTimeout.TotalSeconds:0}s after the restart: {after.Response}\n{peer.LogTail()}");
            using JsonDocument asset = JsonDocument.Parse(after.Response.Payload.Memory);
            Assert.Equal(id, asset.RootElement.GetProperty("ID").GetString());
            Assert.Equal("Tomoko", asset.RootElement.GetProperty("Owner").GetString());
        }
        finally
        {
            await network.StartChaincodeAsync(peer);
        }
    }

    /// <summary>A fresh ReadAsset proposal at <paramref name="peer"/>, bounded by <see cref="ProposalTimeout"/>.</summary>
    private Task<ProposalResponse> ReadAssetAsync(PeerNode peer, string id) =>
        FabricClient.ProcessAsync(peer, ChaincodeProposals.Create(network.Org1User, NetworkFixture.ChannelId, NetworkFixture.Chaincode, "ReadAsset", id), ProposalTimeout);
}
