using Fabricish.Channels.Msp;
using Fabricish.Committer.Config;
using Fabricish.Committer.Tests.Support;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Fabricish.Testing;

namespace Fabricish.Committer.Tests;

/// <summary>CONFIG transactions are judged as the orderer judged their update: the last update, authorized by the
/// mod_policy of every element it changes against the configuration in force, must produce exactly the configuration
/// the transaction carries. Accepted ones are adopted once their block commits; the others are
/// INVALID_CONFIG_TRANSACTION, with the reason the committer logs.</summary>
public sealed class ConfigTransactionTests
{
    private static TestNetwork Net => TestNetwork.Shared;

    private static Protos.Common.Config Current => Net.Config.CloneConfig();

    [Fact]
    public async Task An_application_group_change_signed_by_a_majority_of_org_admins_is_valid_and_becomes_the_channel_config()
    {
        var (update, next) = ConfigTransactions.AddApplicationAcls(Current, "peer/Propose", "/Channel/Application/Writers");
        var chain = TestNetwork.Shared.NewChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain);

        BlockCommitResult result = await peer.CommitAsync(chain.Cut(ConfigTransactions.ConfigTx(update, next, Net.Org1Admin, Net.Org2Admin)));

        Assert.Equal([TxValidationCode.Valid], result.Codes);
        Assert.Equal(1UL, peer.Config.Current.Sequence);
        Assert.Equal(next, peer.Config.Current.CloneConfig());
    }

    [Fact]
    public async Task An_application_group_change_signed_by_one_of_two_org_admins_is_INVALID_CONFIG_TRANSACTION_naming_the_application_admins_policy()
    {
        var (update, next) = ConfigTransactions.AddApplicationAcls(Current, "peer/Propose", "/Channel/Application/Writers");
        Envelope tx = ConfigTransactions.ConfigTx(update, next, Net.Org1Admin);
        var chain = TestNetwork.Shared.NewChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain);

        BlockCommitResult result = await peer.CommitAsync(chain.Cut(tx));

        Assert.Equal([TxValidationCode.InvalidConfigTransaction], result.Codes);
        Assert.Equal(0UL, peer.Config.Current.Sequence);
        Assert.StartsWith(
            "error authorizing update: error validating DeltaSet: policy for [Group]  /Channel/Application not satisfied: policy /Channel/Application/Admins",
            Reason(tx),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anchor_peer_update_for_Org1_signed_only_by_Org1s_admin_is_valid_under_the_orgs_own_admins_policy()
    {
        var (update, next) = ConfigTransactions.SetAnchorPeers(Current, "peer1.org1.example.com", 7151);
        var chain = TestNetwork.Shared.NewChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain);

        BlockCommitResult result = await peer.CommitAsync(chain.Cut(ConfigTransactions.ConfigTx(update, next, Net.Org1Admin)));

        Assert.Equal([TxValidationCode.Valid], result.Codes);
        Assert.Equal(
            [("peer1.org1.example.com", 7151)],
            peer.Config.Current.Application!.Organizations.Single(o => o.MspId == ConfigTransactions.Org1).AnchorPeers.Select(a => (a.Host, a.Port)));
    }

    [Fact]
    public void An_anchor_peer_update_for_Org1_signed_only_by_Org2s_admin_names_Org1s_admins_policy()
    {
        var (update, next) = ConfigTransactions.SetAnchorPeers(Current, "peer1.org1.example.com", 7151);

        string? reason = Reason(ConfigTransactions.ConfigTx(update, next, Net.Org2Admin));

        Assert.StartsWith(
            "error authorizing update: error validating DeltaSet: policy for [Value]  /Channel/Application/Org1MSP/AnchorPeers not satisfied: policy /Channel/Application/Org1MSP/Admins",
            reason,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_orderer_group_change_signed_by_the_orderer_orgs_admin_is_valid_as_the_orderer_accepted_it()
    {
        using SigningIdentity ordererAdmin = Net.OrdererOrg.Identity("Admin@example.com", NodeRole.Admin);
        var (update, next) = ConfigTransactions.SetBatchSize(Current, maxMessageCount: 7);
        var chain = TestNetwork.Shared.NewChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain);

        BlockCommitResult result = await peer.CommitAsync(chain.Cut(ConfigTransactions.ConfigTx(update, next, ordererAdmin)));

        Assert.Equal([TxValidationCode.Valid], result.Codes);
        Assert.Equal(7u, peer.Config.Current.Orderer.BatchSize.MaxMessageCount);
    }

    [Fact]
    public async Task A_config_whose_envelope_does_not_match_its_last_update_is_INVALID_CONFIG_TRANSACTION()
    {
        // Both org admins authorized the anchor peer change only; the envelope smuggles in a batch size change too.
        var (update, next) = ConfigTransactions.SetAnchorPeers(Current, "peer1.org1.example.com", 7151);
        var (_, smuggled) = ConfigTransactions.SetBatchSize(next, maxMessageCount: 1);
        smuggled.Sequence = next.Sequence;
        Envelope tx = ConfigTransactions.ConfigTx(update, smuggled, Net.Org1Admin, Net.Org2Admin);
        var chain = TestNetwork.Shared.NewChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain);

        BlockCommitResult result = await peer.CommitAsync(chain.Cut(tx));

        Assert.Equal([TxValidationCode.InvalidConfigTransaction], result.Codes);
        Assert.Equal(0UL, peer.Config.Current.Sequence);
        Assert.Equal("ConfigEnvelope LastUpdate did not produce the supplied config result", Reason(tx));
    }

    [Fact]
    public async Task A_config_that_skips_a_sequence_is_INVALID_CONFIG_TRANSACTION()
    {
        var (update, next) = ConfigTransactions.SetAnchorPeers(Current, "peer1.org1.example.com", 7151);
        next.Sequence++;
        Envelope tx = ConfigTransactions.ConfigTx(update, next, Net.Org1Admin);
        var chain = TestNetwork.Shared.NewChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain);

        BlockCommitResult result = await peer.CommitAsync(chain.Cut(tx));

        Assert.Equal([TxValidationCode.InvalidConfigTransaction], result.Codes);
        Assert.Equal("config currently at sequence 0, cannot validate config at sequence 2", Reason(tx));
    }

    [Fact]
    public async Task A_second_update_is_judged_against_the_config_adopted_from_the_first()
    {
        var (first, afterFirst) = ConfigTransactions.SetAnchorPeers(Current, "peer1.org1.example.com", 7151);
        var (second, afterSecond) = ConfigTransactions.SetAnchorPeers(afterFirst, "peer2.org1.example.com", 7251);
        var chain = TestNetwork.Shared.NewChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain);

        BlockCommitResult adopted = await peer.CommitAsync(chain.Cut(ConfigTransactions.ConfigTx(first, afterFirst, Net.Org1Admin)));
        BlockCommitResult replayed = await peer.CommitAsync(chain.Cut(ConfigTransactions.ConfigTx(first, afterFirst, Net.Org1Admin)));
        BlockCommitResult following = await peer.CommitAsync(chain.Cut(ConfigTransactions.ConfigTx(second, afterSecond, Net.Org1Admin)));

        Assert.Equal(
            [TxValidationCode.Valid, TxValidationCode.InvalidConfigTransaction, TxValidationCode.Valid],
            new[] { adopted, replayed, following }.Select(r => r.Codes.Single()));
        Assert.Equal(2UL, peer.Config.Current.Sequence);
    }

    /// <summary>Why the committer refuses <paramref name="configTx"/> against the genesis configuration: the reason
    /// its validator logs with INVALID_CONFIG_TRANSACTION.</summary>
    private static string? Reason(Envelope configTx) =>
        new ConfigTransactionHandler(new ChannelConfigHolder(Net.Config)).Validate(ConfigTransactions.ConfigEnvelopeOf(configTx), Net.Config);
}
