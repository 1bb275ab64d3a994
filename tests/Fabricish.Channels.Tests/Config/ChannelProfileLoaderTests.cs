using Fabricish.Channels.Config.Profile;

namespace Fabricish.Channels.Tests.Config;

public class ChannelProfileLoaderTests
{
    private static readonly string SampleYaml = Path.Combine(Fabricish.Testing.RepoPaths.Root, "samples", "network", "channel.yaml");

    /// <summary>A one-org channel without Profiles; the orderer org's Readers rule and extra orderer fields vary.</summary>
    private static string MinimalYaml(string readersRule = "OR('OrgAMSP.member')", string ordererExtra = "") => $$"""
        Organizations:
          - &Org
            Name: OrgA
            ID: OrgAMSP
            MSPDir: msp/orga
            Policies:
              Readers: { Type: Signature, Rule: "{{readersRule}}" }
              Writers: { Type: Signature, Rule: "OR('OrgAMSP.member')" }
              Admins: { Type: Signature, Rule: "OR('OrgAMSP.admin')" }
        Channel:
          Policies: &Policies
            Readers: { Type: ImplicitMeta, Rule: "ANY Readers" }
            Writers: { Type: ImplicitMeta, Rule: "ANY Writers" }
            Admins: { Type: ImplicitMeta, Rule: "MAJORITY Admins" }
        Orderer:
          OrdererType: kafka
          BatchTimeout: 500ms
          BatchSize: { MaxMessageCount: 5, AbsoluteMaxBytes: 1 MB, PreferredMaxBytes: 256 KB }
          Kafka: { Brokers: [ "k0:9092" ] }
          Organizations: [ *Org ]
          Policies:
            <<: *Policies
            BlockValidation: { Type: ImplicitMeta, Rule: "ANY Writers" }
        {{ordererExtra}}
        """;

    [Fact]
    public void Sample_profile_resolves_anchors_merge_keys_units_and_msp_folders()
    {
        var result = ChannelProfileLoader.LoadFile(SampleYaml, "TwoOrgsChannel", "/crypto");

        Assert.True(result.IsOk, result.Error);
        ChannelProfile p = result.Value!;
        Assert.Equal(["V2_0"], p.Capabilities);
        Assert.Equal(["Admins", "Readers", "Writers"], p.Policies.Keys);
        OrdererSpec orderer = p.Orderer!;
        Assert.Equal("kafka", orderer.OrdererType);
        Assert.Equal(TimeSpan.FromSeconds(2), orderer.BatchTimeout);
        Assert.Equal(new BatchSizeSpec(10, 10 * 1024 * 1024, 512 * 1024), orderer.BatchSize);
        Assert.Equal(["127.0.0.1:9092"], orderer.KafkaBrokers);
        Assert.Equal(["V2_0"], orderer.Capabilities);
        Assert.Contains("BlockValidation", orderer.Policies.Keys);
        OrganizationSpec ordererOrg = Assert.Single(orderer.Organizations);
        Assert.Equal(("OrdererOrg", "OrdererMSP"), (ordererOrg.Name, ordererOrg.Id));
        Assert.Equal(Path.GetFullPath("/crypto/ordererOrganizations/example.com/msp"), ordererOrg.MspDir);
        Assert.Equal(3, ordererOrg.OrdererEndpoints.Count);
        ApplicationSpec app = p.Application!;
        Assert.Equal(["Org1MSP", "Org2MSP"], app.Organizations.Select(o => o.Id));
        Assert.Equal(["V2_5"], app.Capabilities);
        Assert.Equal("MAJORITY Endorsement", app.Policies["LifecycleEndorsement"].Rule);
        Assert.Equal(new AnchorPeerSpec("peer0.org1.example.com", 7051), Assert.Single(app.Organizations[0].AnchorPeers));
    }

    [Fact]
    public void Relative_msp_folders_resolve_against_the_yaml_folder_without_a_crypto_root()
    {
        var result = ChannelProfileLoader.LoadFile(SampleYaml, "Org1OnlyChannel");

        Assert.True(result.IsOk, result.Error);
        Assert.Equal(
            Path.Combine(Path.GetDirectoryName(SampleYaml)!, "peerOrganizations", "org1.example.com", "msp"),
            result.Value!.Application!.Organizations[0].MspDir);
    }

    [Fact]
    public void Top_level_sections_form_the_channel_when_the_file_has_no_profiles()
    {
        var result = ChannelProfileLoader.Load(MinimalYaml(), null, "/base");

        Assert.True(result.IsOk, result.Error);
        Assert.Equal(new BatchSizeSpec(5, 1024 * 1024, 256 * 1024), result.Value!.Orderer!.BatchSize);
        Assert.Equal(TimeSpan.FromMilliseconds(500), result.Value.Orderer.BatchTimeout);
        Assert.Equal(["Admins", "BlockValidation", "Readers", "Writers"], result.Value.Orderer.Policies.Keys);
        Assert.Null(result.Value.Application);
    }

    [Fact]
    public void Unknown_profile_is_refused_listing_the_profiles_that_exist()
    {
        var result = ChannelProfileLoader.LoadFile(SampleYaml, "NoSuchProfile");

        Assert.False(result.IsOk);
        Assert.Contains("unknown profile 'NoSuchProfile'", result.Error, StringComparison.Ordinal);
        Assert.Contains("Org1OnlyChannel, TwoOrgsChannel", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_profiles_without_a_choice_is_refused()
    {
        var result = ChannelProfileLoader.LoadFile(SampleYaml, null);

        Assert.False(result.IsOk);
        Assert.Contains("choose one of", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_signature_rule_is_reported_with_its_field_line_and_column()
    {
        var result = ChannelProfileLoader.Load(MinimalYaml(readersRule: "OR('OrgAMSP.member' 'x')"), null, "/base");

        Assert.False(result.IsOk);
        Assert.Contains("Orderer.Organizations[0].Policies.Readers.Rule (line 7)", result.Error, StringComparison.Ordinal);
        Assert.Matches("at column [0-9]+", result.Error);
    }

    [Fact]
    public void Misspelt_field_is_named_instead_of_defaulting()
    {
        var result = ChannelProfileLoader.Load(MinimalYaml().Replace("MaxMessageCount", "MaxMesageCount", StringComparison.Ordinal), null, "/base");

        Assert.False(result.IsOk);
        Assert.Contains("Orderer.BatchSize.MaxMesageCount", result.Error, StringComparison.Ordinal);
        Assert.Contains("unknown field", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  MaxChannels: lots", "Orderer.MaxChannels")]
    [InlineData("  Addresses: orderer:7050", "Orderer.Addresses")]
    public void Wrongly_typed_values_name_the_field(string extra, string field)
    {
        var result = ChannelProfileLoader.Load(MinimalYaml(ordererExtra: extra), null, "/base");

        Assert.False(result.IsOk);
        Assert.Contains(field, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Byte_sizes_that_overflow_32_bits_are_refused()
    {
        var result = ChannelProfileLoader.Load(MinimalYaml().Replace("1 MB", "5 GB", StringComparison.Ordinal), null, "/base");

        Assert.False(result.IsOk);
        Assert.Contains("Orderer.BatchSize.AbsoluteMaxBytes", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Orderer_without_block_validation_policy_is_refused()
    {
        string yaml = MinimalYaml().Replace("    BlockValidation: { Type: ImplicitMeta, Rule: \"ANY Writers\" }\n", "", StringComparison.Ordinal);

        var result = ChannelProfileLoader.Load(yaml, null, "/base");

        Assert.False(result.IsOk);
        Assert.Contains("Orderer.Policies.BlockValidation", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_consensus_type_is_refused()
    {
        var result = ChannelProfileLoader.Load(MinimalYaml().Replace("OrdererType: kafka", "OrdererType: etcdraft", StringComparison.Ordinal), null, "/base");

        Assert.False(result.IsOk);
        Assert.Contains("Orderer.OrdererType", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_yaml_is_reported_with_its_position()
    {
        var result = ChannelProfileLoader.Load("Orderer: [unclosed", null, "/base");

        Assert.False(result.IsOk);
        Assert.Contains("not valid YAML (line", result.Error, StringComparison.Ordinal);
    }
}
