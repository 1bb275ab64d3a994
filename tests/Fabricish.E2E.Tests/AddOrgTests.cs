using System.Text.Json.Nodes;
using Fabricish.E2E.Tests.Network;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Fabricish.Testing.Transactions;
using Google.Protobuf;

namespace Fabricish.E2E.Tests;

/// <summary>
/// Adding an organization to a running channel as Fabric's tutorial does it, through the fabricish CLI: fetch the
/// config, compute the update, collect admin signatures, submit to the orderer. The channel's Admins policy is
/// MAJORITY Admins: with two orgs both admins must sign.
/// </summary>
[Collection(AddOrgNetworkCollection.Name)]
public sealed class AddOrgTests(AddOrgNetworkFixture network)
{
    private const string ChannelId = AddOrgNetworkFixture.ChannelId;

    [Fact]
    public async Task A_third_org_added_by_both_admins_has_its_peer_join_endorse_and_commit_with_the_same_state()
    {
        string update = Path.Combine(network.Dir, "add-org3.pb");
        PeerNode org3 = network.Org3Peer;
        await CliRun.SucceedAsync(
            "channel", "update-config", "add-org", "-c", ChannelId, "--org-name", "Org3MSP", "--msp-id", "Org3MSP", "--msp-dir", network.OrgMsp(3),
            "--anchor-peer", $"127.0.0.1:{org3.GrpcPort}", "-o", network.OrdererAddress,
            "--signer-msp-dir", network.AdminMsp(1), "--signer-msp-id", "Org1MSP", "--output", update);
        await CliRun.SucceedAsync("channel", "signconfigtx", "-f", update, "--msp-dir", network.AdminMsp(2), "--msp-id", "Org2MSP");

        CliRun.Outcome submitted = await CliRun.SucceedAsync(
            "channel", "update", "-f", update, "-c", ChannelId, "-o", network.OrdererAddress, "--msp-dir", network.AdminMsp(1), "--msp-id", "Org1MSP", "--output", "json");

        JsonNode result = JsonNode.Parse(submitted.Stdout)!;
        Assert.Equal(["Org2MSP", "Org1MSP"], result["signers"]!.AsArray().Select(s => s!.GetValue<string>()));
        ulong configBlock = result["block"]!.GetValue<ulong>();
        JsonNode org1Info = await network.WaitForHeightAsync(network.Org1Peer, 1, configBlock + 1);
        await network.WaitForHeightAsync(network.Org2Peer, 2, configBlock + 1);
        Assert.Contains("Org3MSP", await ApplicationOrgsAsync());

        // Org3's peer joins from the genesis block and catches up through the config block that admitted it.
        await network.JoinAsync(org3, 3);
        JsonNode org3Info = await network.WaitForHeightAsync(org3, 3, configBlock + 1);
        if (org3Info["height"]!.GetValue<ulong>() == org1Info["height"]!.GetValue<ulong>())
        {
            Assert.Equal(org1Info["currentBlockHash"]!.GetValue<string>(), org3Info["currentBlockHash"]!.GetValue<string>());
        }

        CliRun.Outcome list = await CliRun.SucceedAsync("channel", "list", "--peer", NetworkNodes.Loopback(org3.GrpcPort), "--msp-dir", network.AdminMsp(3), "--msp-id", "Org3MSP");
        Assert.Contains($"Channels peers has joined: \n{ChannelId}", list.Stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);

        // Org3 approves the committed definition for its package, as a joining org does, so its peer can endorse.
        await network.ApproveChaincodeAsync(3, network.Org1Peer, network.Org2Peer, org3);

        // The chaincode needs all three orgs: valid only if every peer verifies Org3's endorsement with Org3's MSP.
        string id = FabricClient.NewAssetId();
        ProposalDraft draft = ChaincodeProposals.Create(network.Org1User, ChannelId, AddOrgNetworkFixture.Chaincode, "CreateAsset", id, "violet", "4", "Ines", "700");
        ProposalResponse[] endorsements = await FabricClient.EndorseAsync(draft, network.Org1Peer, network.Org2Peer, org3);
        Assert.True(Proposals.EndorsedBy(endorsements[2], org3.Certificate, "Org3MSP"), "Org3's endorsement does not verify with the Org3 peer's certificate");

        CommittedTx[] commits = await network.SubmitAsync(ChaincodeProposals.Transaction(draft, network.Org1User, endorsements), draft.TxId, network.Org1Peer, network.Org2Peer, org3);

        Assert.All(commits, c => Assert.Equal(TxValidationCode.Valid, c.ValidationCode));
        Assert.All(commits, c => Assert.Equal(commits[0], c));
        StateDigest[] states = await StateDigest.SettledAsync([network.Org1Peer, network.Org2Peer, org3], ChannelId);
        Assert.Contains(id, states[0].Dump, StringComparison.Ordinal);
        Assert.True(states.All(s => s.Hash == states[0].Hash), $"the peers' states differ:\n{string.Join("\n--\n", states.Select(s => s.Dump))}");

        // Without Org3's endorsement the same kind of transaction no longer satisfies the chaincode's policy.
        ProposalDraft twoOrgs = ChaincodeProposals.Create(network.Org1User, ChannelId, AddOrgNetworkFixture.Chaincode, "CreateAsset", FabricClient.NewAssetId(), "grey", "1", "Ines", "1");
        ProposalResponse[] twoEndorsements = await FabricClient.EndorseAsync(twoOrgs, network.Org1Peer, network.Org2Peer);
        CommittedTx[] refused = await network.SubmitAsync(ChaincodeProposals.Transaction(twoOrgs, network.Org1User, twoEndorsements), twoOrgs.TxId, network.Org1Peer, org3);
        Assert.All(refused, c => Assert.Equal(TxValidationCode.EndorsementPolicyFailure, c.ValidationCode));
    }

    [Fact]
    public async Task An_org_added_with_only_one_admins_signature_is_refused_naming_the_application_admins_policy()
    {
        string configBlock = Path.Combine(network.Dir, "config-before-org4.block");
        string update = Path.Combine(network.Dir, "add-org4.pb");
        CliRun.Outcome fetched = await CliRun.SucceedAsync(
            "channel", "fetch", "config", configBlock, "-c", ChannelId, "-o", network.OrdererAddress, "--msp-dir", network.AdminMsp(2), "--msp-id", "Org2MSP");
        Assert.Contains("Received block: ", fetched.Stdout, StringComparison.Ordinal);
        await CliRun.SucceedAsync(
            "channel", "update-config", "add-org", "-c", ChannelId, "--org-name", "Org4MSP", "--msp-id", "Org4MSP", "--msp-dir", network.OrgMsp(4),
            "--config-block", configBlock, "--output", update);

        CliRun.Outcome refused = await CliRun.RunAsync(
            "channel", "update", "-f", update, "-c", ChannelId, "-o", network.OrdererAddress, "--msp-dir", network.AdminMsp(1), "--msp-id", "Org1MSP");

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains("the orderer refused the config update: BadRequest", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("policy for [Group]  /Channel/Application not satisfied", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("/Channel/Application/Admins", refused.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Org4MSP", await ApplicationOrgsAsync());
    }

    /// <summary>The application org names of the channel's current config, read with <c>channel fetch config</c>.</summary>
    private async Task<IReadOnlyCollection<string>> ApplicationOrgsAsync()
    {
        string file = Path.Combine(network.Dir, $"config-{Guid.NewGuid():N}.block");
        await CliRun.SucceedAsync("channel", "fetch", "config", file, "-c", ChannelId, "-o", network.OrdererAddress, "--msp-dir", network.AdminMsp(1), "--msp-id", "Org1MSP");
        Block block = Block.Parser.ParseFrom(await File.ReadAllBytesAsync(file));
        Payload payload = Payload.Parser.ParseFrom(Envelope.Parser.ParseFrom(block.Data.Data[0]).Payload);
        return [.. ConfigEnvelope.Parser.ParseFrom(payload.Data).Config.ChannelGroup.Groups["Application"].Groups.Keys];
    }
}
