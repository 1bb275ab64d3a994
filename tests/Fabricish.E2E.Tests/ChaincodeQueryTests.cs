using System.Text.Json;
using Fabricish.E2E.Tests.Network;
using Fabricish.Protos.Peer;
using Fabricish.Testing.Transactions;

namespace Fabricish.E2E.Tests;

/// <summary>Read-only chaincode functions evaluated at a peer process: range queries and CouchDB Mango (rich)
/// queries run by the chaincode against the peer's pouchdb-server state database.</summary>
[Collection(E2ENetworkCollection.Name)]
public sealed class ChaincodeQueryTests(NetworkFixture network)
{
    [Fact]
    public async Task Range_and_rich_queries_run_through_the_peer_against_couchdb()
    {
        string alice = "owner-" + Guid.NewGuid().ToString("N")[..8];
        string bob = "owner-" + Guid.NewGuid().ToString("N")[..8];
        var owners = new Dictionary<string, string>
        {
            [FabricClient.NewAssetId()] = alice,
            [FabricClient.NewAssetId()] = alice,
            [FabricClient.NewAssetId()] = bob,
        };
        foreach ((string id, string owner) in owners)
        {
            await FabricClient.InvokeAsync(network, "CreateAsset", id, "purple", "4", owner, "250");
        }

        foreach (PeerNode peer in network.Peers)
        {
            Dictionary<string, string> all = await EvaluateAsync(peer, "GetAllAssets");
            Dictionary<string, string> mine = all.Where(a => owners.ContainsKey(a.Key)).ToDictionary();
            Assert.Equal(owners.OrderBy(a => a.Key, StringComparer.Ordinal), mine.OrderBy(a => a.Key, StringComparer.Ordinal));

            Dictionary<string, string> alices = await EvaluateAsync(peer, "QueryAssetsByOwner", alice);
            Assert.Equal(owners.Where(a => a.Value == alice).Select(a => a.Key).Order(StringComparer.Ordinal), alices.Keys.Order(StringComparer.Ordinal));
            Assert.All(alices.Values, o => Assert.Equal(alice, o));

            Dictionary<string, string> bobs = await EvaluateAsync(peer, "QueryAssetsByOwner", bob);
            Assert.Equal(owners.Where(a => a.Value == bob).Select(a => a.Key), bobs.Keys);
        }
    }

    /// <summary>Evaluates a query function at <paramref name="peer"/>: the assets it lists, id → owner.</summary>
    private async Task<Dictionary<string, string>> EvaluateAsync(PeerNode peer, params string[] args)
    {
        ProposalDraft draft = ChaincodeProposals.Create(network.Org1User, NetworkFixture.ChannelId, NetworkFixture.Chaincode, args);
        ProposalResponse response = await FabricClient.ProcessAsync(peer, draft);
        Assert.True(response.Response.Status == 200, $"{peer.MspId} peer did not evaluate {args[0]}: {response.Response}\n{peer.LogTail()}");
        using JsonDocument assets = JsonDocument.Parse(response.Response.Payload.Memory);
        var result = new Dictionary<string, string>();
        foreach (JsonElement asset in assets.RootElement.EnumerateArray())
        {
            string id = asset.GetProperty("ID").GetString()!;
            Assert.True(result.TryAdd(id, asset.GetProperty("Owner").GetString()!), $"{args[0]} at the {peer.MspId} peer listed {id} twice");
        }

        return result;
    }
}
