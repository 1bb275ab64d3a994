using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabricish.Channels.Config;
using Fabricish.Channels.Crypto;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Msp;
using Google.Protobuf;

namespace Fabricish.Cli.Tests.Channel;

/// <summary>The add-org flow of Fabric's tutorial through the CLI — <c>update-config add-org</c>, <c>signconfigtx</c>,
/// <c>update</c> — against a stand-in orderer that judges updates with the orderer's own config update processing.</summary>
public sealed class ConfigUpdateCommandTests(ChannelNetworkFixture network) : IClassFixture<ChannelNetworkFixture>
{
    private const string ChannelId = ChannelNetworkFixture.ChannelId;
    private const string ApplicationKey = "[Group]  /Channel/Application";

    [Fact]
    public async Task Add_org_writes_an_unsigned_update_reading_the_application_group_and_writing_it_one_version_up_with_the_new_org()
    {
        string file = await AddOrg3Async();

        Envelope envelope = Envelope.Parser.ParseFrom(File.ReadAllBytes(file));
        Payload payload = Payload.Parser.ParseFrom(envelope.Payload);
        ChannelHeader header = ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader);
        ConfigUpdateEnvelope updateEnvelope = ConfigUpdateEnvelope.Parser.ParseFrom(payload.Data);
        ConfigUpdate update = ConfigUpdate.Parser.ParseFrom(updateEnvelope.ConfigUpdate);
        Assert.Equal(((int)HeaderType.ConfigUpdate, ChannelId), (header.Type, header.ChannelId));
        Assert.True(envelope.Signature.IsEmpty && updateEnvelope.Signatures.Count == 0, "the computed update is already signed");
        Assert.Equal(ChannelId, update.ChannelId);
        ConfigGroup readApplication = update.ReadSet.Groups["Application"];
        ConfigGroup writtenApplication = update.WriteSet.Groups["Application"];
        Assert.Equal((0UL, 0UL), (update.ReadSet.Version, update.WriteSet.Version));
        Assert.Equal((0UL, 1UL, "Admins"), (readApplication.Version, writtenApplication.Version, writtenApplication.ModPolicy));
        Assert.Equal(["Org1MSP", "Org2MSP"], readApplication.Groups.Keys);
        Assert.Equal(["Org1MSP", "Org2MSP", "Org3MSP"], writtenApplication.Groups.Keys);
        Assert.Empty(update.WriteSet.Groups["Application"].Groups["Org1MSP"].Values);
        ConfigGroup org3 = writtenApplication.Groups["Org3MSP"];
        Assert.Equal(["Admins", "Endorsement", "Readers", "Writers"], org3.Policies.Keys.Order(StringComparer.Ordinal));
        Assert.All(org3.Policies.Values, p => Assert.Equal((0UL, "Admins"), (p.Version, p.ModPolicy)));
        Assert.Equal("Org3MSP", FabricMSPConfig.Parser.ParseFrom(MSPConfig.Parser.ParseFrom(org3.Values["MSP"].Value).Config).Name);
        Assert.Equal("peer0.org3.example.com", Protos.Peer.AnchorPeers.Parser.ParseFrom(org3.Values["AnchorPeers"].Value).AnchorPeers_[0].Host);
        Assert.Equal(["Application"], update.ReadSet.Groups.Keys);
    }

    [Fact]
    public async Task Add_org_of_an_organization_already_on_the_channel_fails_naming_it()
    {
        CliRun.Outcome outcome = await CliRun.RunAsync(
            "channel", "update-config", "add-org", "-c", ChannelId, "--org-name", "Org2MSP", "--msp-id", "Org2MSP", "--msp-dir", network.OrgMsp(2),
            "--config-block", network.GenesisFile, "--output", network.PathFor("never.pb"));

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("organization Org2MSP is already a member of channel mychannel", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_org_without_an_orderer_or_a_config_block_fails_saying_which_to_give()
    {
        CliRun.Outcome outcome = await CliRun.RunAsync(
            "channel", "update-config", "add-org", "-c", ChannelId, "--org-name", "Org3MSP", "--msp-id", "Org3MSP", "--msp-dir", network.OrgMsp(3),
            "--output", network.PathFor("never.pb"));

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("no orderer to connect to: pass --orderer (-o)", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains("(or give --config-block with a block from 'channel fetch config')", outcome.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signconfigtx_appends_the_admins_config_signature_over_signature_header_and_update()
    {
        string file = await AddOrg3Async();

        CliRun.Outcome outcome = await CliRun.RunAsync("channel", "signconfigtx", "-f", file, "--msp-dir", network.AdminMsp(2), "--msp-id", "Org2MSP");

        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Assert.Contains("signatures now: Org2MSP", outcome.Stdout, StringComparison.Ordinal);
        Envelope envelope = Envelope.Parser.ParseFrom(File.ReadAllBytes(file));
        using SigningIdentity admin = MspDirectory.LoadSigningIdentity(network.AdminMsp(2), "Org2MSP");
        using ECDsa key = admin.Certificate.GetECDsaPublicKey()!;
        Assert.True(Signatures.Verify(key, envelope.Payload.Span, envelope.Signature.Span), "the envelope is not signed by the admin");
        ConfigUpdateEnvelope update = ConfigUpdateEnvelope.Parser.ParseFrom(Payload.Parser.ParseFrom(envelope.Payload).Data);
        ConfigSignature signature = Assert.Single(update.Signatures);
        Assert.Equal(admin.Serialize(), SignatureHeader.Parser.ParseFrom(signature.SignatureHeader).Creator.ToByteArray());
        Assert.True(Signatures.Verify(key, [.. signature.SignatureHeader.Span, .. update.ConfigUpdate.Span], signature.Signature.Span));
    }

    [Fact]
    public async Task Update_signed_by_both_admins_is_accepted_and_returns_once_the_config_block_admitting_the_org_is_cut()
    {
        await using StubOrderer orderer = await network.StartOrdererAsync();
        string file = await AddOrg3Async();
        await CliRun.RunAsync("channel", "signconfigtx", "-f", file, "--msp-dir", network.AdminMsp(2), "--msp-id", "Org2MSP");

        CliRun.Outcome outcome = await UpdateAsync(orderer, file);

        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Assert.Contains("Successfully submitted channel update", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("config block 1 of channel mychannel holds the update (config sequence 1)", outcome.Stdout, StringComparison.Ordinal);
        Assert.Contains("signed by Org2MSP, Org1MSP", outcome.Stderr, StringComparison.Ordinal);
        string fetched = network.PathFor("config.block");
        CliRun.Outcome fetch = await CliRun.RunAsync("channel", "fetch", "config", fetched, "-c", ChannelId, "-o", orderer.Address, "--msp-dir", network.AdminMsp(1), "--msp-id", "Org1MSP");
        Assert.True(fetch.ExitCode == 0, fetch.Stderr);
        ConfigResult<ChannelConfig> config = ChannelConfig.FromBlock(Block.Parser.ParseFrom(File.ReadAllBytes(fetched)));
        Assert.True(config.IsOk, config.Error);
        Assert.Equal(["Org1MSP", "Org2MSP", "Org3MSP"], config.Value!.Application!.Organizations.Select(o => o.MspId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Update_signed_by_one_of_two_admins_is_refused_with_the_orderers_reason_naming_the_application_admins_policy()
    {
        await using StubOrderer orderer = await network.StartOrdererAsync();
        string file = await AddOrg3Async();

        CliRun.Outcome outcome = await UpdateAsync(orderer, file);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("fabricish channel update: the orderer refused the config update: BadRequest: ", outcome.Stderr, StringComparison.Ordinal);
        Assert.Contains($"policy for {ApplicationKey} not satisfied: policy /Channel/Application/Admins", outcome.Stderr, StringComparison.Ordinal);
        Assert.Equal(1UL, orderer.Ledger.Height);
    }

    [Fact]
    public async Task Update_of_an_envelope_for_another_channel_fails_before_submitting()
    {
        await using StubOrderer orderer = await network.StartOrdererAsync();
        string file = await AddOrg3Async();

        CliRun.Outcome outcome = await CliRun.RunAsync(
            "channel", "update", "-f", file, "-c", "otherchannel", "-o", orderer.Address, "--msp-dir", network.AdminMsp(1), "--msp-id", "Org1MSP");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("mismatched channel ID mychannel != otherchannel", outcome.Stderr, StringComparison.Ordinal);
        Assert.Empty(orderer.Ledger.Broadcasts);
    }

    private Task<CliRun.Outcome> UpdateAsync(StubOrderer orderer, string file) => CliRun.RunAsync(
        "channel", "update", "-f", file, "-c", ChannelId, "-o", orderer.Address, "--msp-dir", network.AdminMsp(1), "--msp-id", "Org1MSP", "-t", "00:00:20");

    private async Task<string> AddOrg3Async()
    {
        string file = network.PathFor("add-org3.pb");
        CliRun.Outcome outcome = await CliRun.RunAsync(
            "channel", "update-config", "add-org", "-c", ChannelId, "--org-name", "Org3MSP", "--msp-id", "Org3MSP", "--msp-dir", network.OrgMsp(3),
            "--anchor-peer", "peer0.org3.example.com:11051", "--config-block", network.GenesisFile, "--output", file);
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Assert.Contains("/Channel/Application/Admins", outcome.Stdout, StringComparison.Ordinal);
        return file;
    }
}
