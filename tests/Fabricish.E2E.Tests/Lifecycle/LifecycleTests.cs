using System.Text.Json;
using Fabricish.E2E.Tests.Network;
using Fabricish.Protos.Peer;
using Fabricish.Protos.Peer.Lifecycle;
using Fabricish.Testing.Transactions;

namespace Fabricish.E2E.Tests.Lifecycle;

/// <summary>Fabric 2.x chaincode lifecycle through the peer processes: package → install → approve per org →
/// commit, definitions as channel state; refusals with Fabric's messages; an upgrade under load.</summary>
[Collection(E2ENetworkCollection.Name)]
public sealed class LifecycleTests(NetworkFixture network) : IAsyncLifetime
{
    private const string OwnerIndex = """{"index":{"fields":["Owner"]},"ddoc":"indexOwnerDoc","name":"indexOwner","type":"json"}""";

    private readonly LifecycleDriver _lifecycle = new(network);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _lifecycle.DisposeAsync();

    [Fact]
    public async Task Chaincode_installed_approved_by_both_orgs_and_committed_serves_invokes_and_gets_its_couchdb_index()
    {
        string name = NewName();
        await _lifecycle.DeployAsync(name, "1.0", 1, new Dictionary<string, string> { ["indexOwner.json"] = OwnerIndex });

        string asset = FabricClient.NewAssetId();
        await InvokeAsync(name, "CreateAsset", asset, "blue", "5", "lifecycle-owner", "300");
        foreach (PeerNode peer in network.Peers)
        {
            QueryChaincodeDefinitionResult committed = await _lifecycle.QueryCommittedAsync(peer, name);
            Assert.Equal(1, committed.Sequence);
            Assert.Equal("1.0", committed.Version);
            Assert.True(committed.Approvals["Org1MSP"] && committed.Approvals["Org2MSP"]);
            Assert.Contains("lifecycle-owner", (await EvaluateAsync(peer, name, "ReadAsset", asset)).Response.Payload.ToStringUtf8(), StringComparison.Ordinal);
            await AssertIndexEventuallyAsync(peer, $"{NetworkFixture.ChannelId}_{name}", "indexOwner");
        }
    }

    [Fact]
    public async Task Commit_with_only_one_org_approval_is_refused_naming_the_org_that_has_not_approved()
    {
        string name = NewName();
        string packageId = await _lifecycle.InstallAndRunAsync(network.Org1Peer, $"{name}_1.0");
        await _lifecycle.ApproveAsync(network.Org1Peer, name, "1.0", 1, packageId);

        ProposalResponse readiness = await _lifecycle.ProcessAsync(network.Org1Peer, network.Org1User, NetworkFixture.ChannelId, "CheckCommitReadiness",
            new CheckCommitReadinessArgs { Name = name, Version = "1.0", Sequence = 1 });
        Assert.Equal(200, readiness.Response.Status);
        CheckCommitReadinessResult approvals = CheckCommitReadinessResult.Parser.ParseFrom(readiness.Response.Payload);
        Assert.True(approvals.Approvals["Org1MSP"]);
        Assert.False(approvals.Approvals["Org2MSP"]);

        CommitChaincodeDefinitionArgs definition = LifecycleDriver.Definition(name, "1.0", 1);
        ProposalResponse atOrg1 = await _lifecycle.ProcessAsync(network.Org1Peer, _lifecycle.Admin(network.Org1Peer), NetworkFixture.ChannelId, "CommitChaincodeDefinition", definition);
        Assert.Equal(500, atOrg1.Response.Status);
        Assert.Contains("LifecycleEndorsement", atOrg1.Response.Message, StringComparison.Ordinal);
        Assert.Contains("no approval from Org2MSP", atOrg1.Response.Message, StringComparison.Ordinal);
        Assert.Null(atOrg1.Endorsement);

        ProposalResponse atOrg2 = await _lifecycle.ProcessAsync(network.Org2Peer, _lifecycle.Admin(network.Org1Peer), NetworkFixture.ChannelId, "CommitChaincodeDefinition", definition);
        Assert.Equal(500, atOrg2.Response.Status);
        Assert.EndsWith("chaincode definition not agreed to by this org (Org2MSP)", atOrg2.Response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approval_of_a_sequence_other_than_the_next_is_refused()
    {
        string name = NewName();
        var args = new ApproveChaincodeDefinitionForMyOrgArgs { Name = name, Version = "1.0", Sequence = 3 };
        ProposalResponse refused = await _lifecycle.ProcessAsync(network.Org1Peer, _lifecycle.Admin(network.Org1Peer), NetworkFixture.ChannelId, "ApproveChaincodeDefinitionForMyOrg", args);
        Assert.Equal(500, refused.Response.Status);
        Assert.Equal("failed to invoke backing implementation of 'ApproveChaincodeDefinitionForMyOrg': requested sequence 3 is larger than the next available sequence number 1", refused.Response.Message);

        ProposalResponse byClient = await _lifecycle.ProcessAsync(network.Org1Peer, network.Org1User, NetworkFixture.ChannelId, "ApproveChaincodeDefinitionForMyOrg", args);
        Assert.Equal(500, byClient.Response.Status);
        Assert.Contains("must be an admin of this peer's organization Org1MSP", byClient.Response.Message, StringComparison.Ordinal);

        ProposalResponse install = await _lifecycle.ProcessAsync(network.Org1Peer, network.Org1User, string.Empty, "InstallChaincode",
            new InstallChaincodeArgs { ChaincodeInstallPackage = Google.Protobuf.ByteString.CopyFromUtf8("not a package") });
        Assert.Equal(500, install.Response.Status);
        Assert.Contains("channelless check policy with policy [Admins]", install.Response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_approved_without_a_name_lists_every_definition_the_org_approved_from_its_own_peer_only()
    {
        string first = NewName();
        string second = NewName();
        await _lifecycle.ApproveAsync(network.Org1Peer, first, "1.0", 1, string.Empty);
        await _lifecycle.ApproveAsync(network.Org1Peer, second, "2.0", 1, string.Empty);

        ProposalResponse org1 = await _lifecycle.ProcessAsync(network.Org1Peer, _lifecycle.Admin(network.Org1Peer), NetworkFixture.ChannelId,
            "QueryApprovedChaincodeDefinitions", new QueryApprovedChaincodeDefinitionsArgs());
        ProposalResponse org2 = await _lifecycle.ProcessAsync(network.Org2Peer, _lifecycle.Admin(network.Org2Peer), NetworkFixture.ChannelId,
            "QueryApprovedChaincodeDefinitions", new QueryApprovedChaincodeDefinitionsArgs());
        ProposalResponse byClient = await _lifecycle.ProcessAsync(network.Org1Peer, network.Org1User, NetworkFixture.ChannelId,
            "QueryApprovedChaincodeDefinitions", new QueryApprovedChaincodeDefinitionsArgs());

        Assert.Equal(200, org1.Response.Status);
        var approved = QueryApprovedChaincodeDefinitionsResult.Parser.ParseFrom(org1.Response.Payload).ApprovedChaincodeDefinitions
            .Where(d => d.Name == first || d.Name == second).ToList();
        Assert.Equal(
            new[] { (first, 1L, "1.0"), (second, 1L, "2.0") }.OrderBy(d => d.Item1, StringComparer.Ordinal),
            approved.Select(d => (d.Name, d.Sequence, d.Version)));
        Assert.All(approved, d => Assert.Equal(ChaincodeSource.TypeOneofCase.Unavailable, d.Source.TypeCase));
        Assert.Equal(200, org2.Response.Status);
        Assert.DoesNotContain(QueryApprovedChaincodeDefinitionsResult.Parser.ParseFrom(org2.Response.Payload).ApprovedChaincodeDefinitions, d => d.Name == first || d.Name == second);
        Assert.Equal(500, byClient.Response.Status);
        Assert.Contains("must be an admin of this peer's organization Org1MSP", byClient.Response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upgrade_to_a_new_sequence_under_continuous_invokes_loses_no_transaction()
    {
        string name = NewName();
        await _lifecycle.DeployAsync(name, "1.0", 1);

        using var stop = new CancellationTokenSource();
        var created = new List<string>();
        var versions = new List<string>();
        Task load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested || versions.Count(v => v == "2.0") < 3)
            {
                string asset = FabricClient.NewAssetId();
                versions.Add(await InvokeAsync(name, "CreateAsset", asset, "green", "1", "upgrader", "10"));
                created.Add(asset);
            }
        });

        while (created.Count < 3 && !load.IsCompleted)
        {
            await Task.Delay(100);
        }

        await _lifecycle.DeployAsync(name, "2.0", 2);
        await stop.CancelAsync();
        await load.WaitAsync(TimeSpan.FromMinutes(3));

        Assert.Contains("1.0", versions);
        Assert.Contains("2.0", versions);
        foreach (PeerNode peer in network.Peers)
        {
            Assert.Equal(2, (await _lifecycle.QueryCommittedAsync(peer, name)).Sequence);
            foreach (string asset in created)
            {
                ProposalResponse read = await EvaluateAsync(peer, name, "ReadAsset", asset);
                Assert.True(read.Response.Status == 200, $"{asset} missing at {peer.MspId}: {read.Response.Message}");
            }
        }
    }

    private static string NewName() => "lc" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Endorses at both peers, submits, asserts VALID on both; returns the chaincode version that endorsed.
    /// While an upgrade commits, the two peers may briefly endorse with different definitions; like a client SDK
    /// seeing mismatched responses, the proposal is endorsed again rather than submitted.</summary>
    private async Task<string> InvokeAsync(string chaincode, params string[] args)
    {
        for (int attempt = 1; ; attempt++)
        {
            ProposalDraft draft = ChaincodeProposals.Create(network.Org1User, NetworkFixture.ChannelId, chaincode, args);
            ProposalResponse[] responses = await FabricClient.EndorseAsync(draft, network.Org1Peer, network.Org2Peer);
            if (!responses[0].Payload.Equals(responses[1].Payload) && attempt < 5)
            {
                await Task.Delay(200);
                continue;
            }

            CommittedTx[] commits = await FabricClient.SubmitAsync(network, ChaincodeProposals.Transaction(draft, network.Org1User, responses), draft.TxId);
            Assert.All(commits, c => Assert.Equal(TxValidationCode.Valid, c.ValidationCode));
            var action = ChaincodeAction.Parser.ParseFrom(ProposalResponsePayload.Parser.ParseFrom(responses[0].Payload).Extension);
            return action.ChaincodeId.Version;
        }
    }

    private async Task<ProposalResponse> EvaluateAsync(PeerNode peer, string chaincode, params string[] args) =>
        await FabricClient.ProcessAsync(peer, ChaincodeProposals.Create(network.Org1User, NetworkFixture.ChannelId, chaincode, args));

    private static async Task AssertIndexEventuallyAsync(PeerNode peer, string database, string index)
    {
        string listed = string.Empty;
        for (int attempt = 0; attempt < 100; attempt++)
        {
            using HttpResponseMessage response = await peer.StateDb.GetAsync($"/{database}/_index");
            listed = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                using JsonDocument indexes = JsonDocument.Parse(listed);
                if (indexes.RootElement.GetProperty("indexes").EnumerateArray().Any(i => i.GetProperty("name").GetString() == index))
                {
                    return;
                }
            }

            await Task.Delay(100);
        }

        Assert.Fail($"index {index} not in {database} at {peer.MspId}: {listed}");
    }
}
