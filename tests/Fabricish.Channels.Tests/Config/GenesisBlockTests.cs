using System.Security.Cryptography;
using Fabricish.Channels.Blocks;
using Fabricish.Channels.Config;
using Fabricish.Channels.Config.Profile;
using Fabricish.Channels.Genesis;
using Fabricish.Protos.Common;
using Fabricish.Protos.Msp;
using Fabricish.Protos.Orderer;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Channels.Tests.Config;

public sealed class GenesisBlockTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);
    private static readonly byte[] Nonce = [.. Enumerable.Range(1, GenesisBlockBuilder.NonceSize).Select(i => (byte)i)];
    private readonly TestMsps _msps = new();

    public void Dispose() => _msps.Dispose();

    private ConfigGroup ChannelGroup(string profile = "TwoOrgsChannel")
    {
        var loaded = ChannelProfileLoader.LoadFile(_msps.SampleYaml, profile, "/crypto");
        Assert.True(loaded.IsOk, loaded.Error);
        var group = ChannelGroupBuilder.Build(loaded.Value!, _msps.Source);
        Assert.True(group.IsOk, group.Error);
        return group.Value!;
    }

    private Block Genesis(string channelId = "mychannel")
    {
        var block = GenesisBlockBuilder.Build(channelId, ChannelGroup(), Now, Nonce);
        Assert.True(block.IsOk, block.Error);
        return block.Value!;
    }

    private static Payload PayloadOf(Block block) =>
        Payload.Parser.ParseFrom(Envelope.Parser.ParseFrom(Assert.Single(block.Data.Data)).Payload);

    [Fact]
    public void Channel_group_has_fabrics_groups_values_and_policies()
    {
        ConfigGroup channel = ChannelGroup();

        Assert.Equal(["Application", "Orderer"], channel.Groups.Keys);
        Assert.Equal(["BlockDataHashingStructure", "Capabilities", "HashingAlgorithm", "OrdererAddresses"], channel.Values.Keys);
        Assert.Equal(["Admins", "Readers", "Writers"], channel.Policies.Keys);
        Assert.Equal("SHA256", HashingAlgorithm.Parser.ParseFrom(channel.Values["HashingAlgorithm"].Value).Name);
        Assert.Equal(uint.MaxValue, BlockDataHashingStructure.Parser.ParseFrom(channel.Values["BlockDataHashingStructure"].Value).Width);
        Assert.Equal("/Channel/Orderer/Admins", channel.Values["OrdererAddresses"].ModPolicy);
        Assert.Equal("Admins", channel.ModPolicy);

        ConfigGroup orderer = channel.Groups["Orderer"];
        Assert.Equal(["BatchSize", "BatchTimeout", "Capabilities", "ChannelRestrictions", "ConsensusType", "KafkaBrokers"], orderer.Values.Keys);
        Assert.Equal(["Admins", "BlockValidation", "Readers", "Writers"], orderer.Policies.Keys);
        Assert.Equal("kafka", ConsensusType.Parser.ParseFrom(orderer.Values["ConsensusType"].Value).Type);
        Assert.Equal("2s", BatchTimeout.Parser.ParseFrom(orderer.Values["BatchTimeout"].Value).Timeout);
        Assert.Equal(10u * 1024 * 1024, BatchSize.Parser.ParseFrom(orderer.Values["BatchSize"].Value).AbsoluteMaxBytes);
        ConfigGroup ordererOrg = Assert.Single(orderer.Groups).Value;
        Assert.Equal(["Endpoints", "MSP"], ordererOrg.Values.Keys);

        ConfigGroup application = channel.Groups["Application"];
        Assert.Equal(["Org1MSP", "Org2MSP"], application.Groups.Keys);
        Assert.Equal(["Admins", "Endorsement", "LifecycleEndorsement", "Readers", "Writers"], application.Policies.Keys);
        var lifecycle = ImplicitMetaPolicy.Parser.ParseFrom(application.Policies["LifecycleEndorsement"].Policy.Value);
        Assert.Equal((ImplicitMetaPolicy.Types.Rule.Majority, "Endorsement"), (lifecycle.Rule, lifecycle.SubPolicy));
        ConfigGroup org1 = application.Groups["Org1MSP"];
        Assert.Equal(["AnchorPeers", "MSP"], org1.Values.Keys);
        Assert.Equal(["Admins", "Endorsement", "Readers", "Writers"], org1.Policies.Keys);
        Assert.Equal((int)Policy.Types.PolicyType.Signature, org1.Policies["Endorsement"].Policy.Type);
        Assert.Equal(_msps.Configs["Org1MSP"], MSPConfig.Parser.ParseFrom(org1.Values["MSP"].Value));
        Assert.Equal(7051, AnchorPeers.Parser.ParseFrom(org1.Values["AnchorPeers"].Value).AnchorPeers_[0].Port);
    }

    [Fact]
    public void Every_element_has_version_zero_and_admins_mod_policy_except_orderer_addresses()
    {
        static IEnumerable<(string Path, ulong Version, string ModPolicy)> Walk(string path, ConfigGroup g) =>
            new[] { (path, g.Version, g.ModPolicy) }
                .Concat(g.Values.Select(v => ($"{path}/{v.Key}", v.Value.Version, v.Value.ModPolicy)))
                .Concat(g.Policies.Select(p => ($"{path}/{p.Key}", p.Value.Version, p.Value.ModPolicy)))
                .Concat(g.Groups.SelectMany(c => Walk($"{path}/{c.Key}", c.Value)));

        var elements = Walk("/Channel", ChannelGroup()).ToList();

        Assert.All(elements, e => Assert.Equal(0ul, e.Version));
        Assert.All(elements.Where(e => e.Path != "/Channel/OrdererAddresses"), e => Assert.Equal("Admins", e.ModPolicy));
    }

    [Fact]
    public void Genesis_block_is_built_as_fabrics_genesis_factory_builds_it()
    {
        Block block = Genesis();

        Assert.Equal(0ul, block.Header.Number);
        Assert.True(block.Header.PreviousHash.IsEmpty);
        Payload payload = PayloadOf(block);
        var header = ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader);
        Assert.Equal((int)HeaderType.Config, header.Type);
        Assert.Equal(1, header.Version);
        Assert.Equal("mychannel", header.ChannelId);
        Assert.Equal(0ul, header.Epoch);
        Assert.Equal(Now.ToUnixTimeSeconds(), header.Timestamp.Seconds);
        Assert.Equal(0, header.Timestamp.Nanos);
        var signatureHeader = SignatureHeader.Parser.ParseFrom(payload.Header.SignatureHeader);
        Assert.Equal(Nonce, signatureHeader.Nonce.ToByteArray());
        Assert.True(signatureHeader.Creator.IsEmpty);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Nonce)), header.TxId);
        var configEnvelope = ConfigEnvelope.Parser.ParseFrom(payload.Data);
        Assert.Equal(0ul, configEnvelope.Config.Sequence);
        Assert.Null(configEnvelope.LastUpdate);
        Assert.Equal(ChannelGroup(), configEnvelope.Config.ChannelGroup);
    }

    [Fact]
    public void Header_data_hash_is_the_hash_of_the_config_envelope()
    {
        Block block = Genesis();

        Assert.Equal(SHA256.HashData(block.Data.Data[0].Span), block.Header.DataHash.ToByteArray());
        Assert.Equal(BlockHashing.DataHash(block.Data), block.Header.DataHash.ToByteArray());
    }

    [Fact]
    public void Metadata_records_block_zero_as_the_last_config_in_signatures_and_last_config_entries()
    {
        Block block = Genesis();

        Assert.Equal(5, block.Metadata.Metadata.Count);
        var signatures = Metadata.Parser.ParseFrom(block.Metadata.Metadata[(int)BlockMetadataIndex.Signatures]);
        var ordererMetadata = OrdererBlockMetadata.Parser.ParseFrom(signatures.Value);
        Assert.NotNull(ordererMetadata.LastConfig);
        Assert.Equal(0ul, ordererMetadata.LastConfig.Index);
        Assert.Empty(signatures.Signatures);
        var lastConfig = Metadata.Parser.ParseFrom(block.Metadata.Metadata[(int)BlockMetadataIndex.LastConfig]);
        Assert.Equal(0ul, LastConfig.Parser.ParseFrom(lastConfig.Value).Index);
        Assert.True(block.Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter].IsEmpty);
    }

    [Fact]
    public void Same_profile_time_and_nonce_give_identical_bytes_and_reparsing_reserializes_identically()
    {
        byte[] first = Genesis().ToByteArray();
        byte[] second = Genesis().ToByteArray();

        Assert.Equal(first, second);
        Assert.Equal(first, Block.Parser.ParseFrom(first).ToByteArray());
    }

    [Theory]
    [InlineData("MyChannel")]
    [InlineData("1channel")]
    [InlineData("my_channel")]
    [InlineData("")]
    public void Illegal_channel_names_are_refused(string channelId)
    {
        var block = GenesisBlockBuilder.Build(channelId, ChannelGroup(), Now, Nonce);

        Assert.False(block.IsOk);
        Assert.Contains("channel name", block.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_msp_folder_is_reported_with_the_organization()
    {
        var loaded = ChannelProfileLoader.LoadFile(_msps.SampleYaml, "TwoOrgsChannel", Path.Combine(Path.GetTempPath(), "no-such-crypto-" + Guid.NewGuid()));

        var group = ChannelGroupBuilder.Build(loaded.Value!, OrganizationMsps.FromMspDir);

        Assert.False(group.IsOk);
        Assert.Contains("could not load the MSP of OrdererOrg", group.Error, StringComparison.Ordinal);
        Assert.Contains("ordererOrganizations", group.Error, StringComparison.Ordinal);
    }
}
