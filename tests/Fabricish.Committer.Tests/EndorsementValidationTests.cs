using Fabricish.Committer.Tests.Support;
using Fabricish.Ledger.State;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Fabricish.Testing.Transactions;
using Google.Protobuf;

namespace Fabricish.Committer.Tests;

/// <summary>TxValidator outcomes for single transactions: creator, tx id, structure and endorsement policy, each
/// leaving the state untouched when the transaction is invalid.</summary>
public sealed class EndorsementValidationTests
{
    private static TestNetwork Net => TestNetwork.Shared;

    [Fact]
    public async Task Transaction_endorsed_by_both_orgs_is_valid_and_its_writes_get_version_block_tx()
    {
        var chain = TestNetwork.Shared.NewChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain);
        var other = new EndorsedTransaction(Net.Org1Client, new RwSet().Write("b", "2").Build()).Build();
        var tx = new EndorsedTransaction(Net.Org1Client, new RwSet().Read("a", null).Write("a", "1").Build()).Build();

        BlockCommitResult result = await peer.CommitAsync(chain.Cut(other, tx));

        Assert.Equal([TxValidationCode.Valid, TxValidationCode.Valid], result.Codes);
        VersionedValue? stored = await peer.State.GetStateAsync(TestNetwork.Chaincode, "a");
        Assert.Equal(new Height(1, 1), stored!.Version);
        Assert.Equal("1", await StateDump.ValueAsync(peer.State, "a"));
        Assert.Equal(new Height(1, 1), await peer.State.GetLatestSavepointAsync());
    }

    [Fact]
    public Task Endorsement_by_one_org_only_fails_the_AND_policy() =>
        AssertInvalidAsync(TxValidationCode.EndorsementPolicyFailure, Builder() with { Endorsers = [Net.Org1Peer] });

    [Fact]
    public Task The_same_endorser_twice_counts_once() =>
        AssertInvalidAsync(TxValidationCode.EndorsementPolicyFailure, Builder() with { Endorsers = [Net.Org1Peer, Net.Org1Peer] });

    [Fact]
    public Task An_endorsement_whose_signature_was_tampered_with_is_not_counted() =>
        AssertInvalidAsync(TxValidationCode.EndorsementPolicyFailure, Builder() with { TamperedEndorsement = 1 });

    [Fact]
    public Task An_endorsement_over_a_different_response_payload_is_not_counted() =>
        AssertInvalidAsync(TxValidationCode.EndorsementPolicyFailure, Builder() with { EndorsementOverOtherPayload = 0 });

    [Fact]
    public Task A_client_cannot_endorse_in_place_of_a_peer() =>
        AssertInvalidAsync(TxValidationCode.EndorsementPolicyFailure, Builder() with { Endorsers = [Net.Org1Client, Net.Org2Peer] });

    [Fact]
    public Task An_envelope_signed_by_someone_else_than_its_creator_is_BAD_CREATOR_SIGNATURE() =>
        AssertInvalidAsync(TxValidationCode.BadCreatorSignature, Builder() with { EnvelopeSigner = Net.Org1Admin });

    [Fact]
    public Task A_creator_not_issued_by_the_channel_MSP_is_BAD_CREATOR_SIGNATURE() =>
        AssertInvalidAsync(TxValidationCode.BadCreatorSignature, new EndorsedTransaction(Net.ImpostorClient, new RwSet().Write("k", "v").Build()));

    [Fact]
    public Task A_txid_that_is_not_the_hash_of_nonce_and_creator_is_BAD_PROPOSAL_TXID() =>
        AssertInvalidAsync(TxValidationCode.BadProposalTxid, Builder() with { TxIdOverride = new string('a', 64) });

    [Fact]
    public Task A_proposal_hash_that_does_not_match_the_transaction_is_INVALID_ENDORSER_TRANSACTION() =>
        AssertInvalidAsync(TxValidationCode.InvalidEndorserTransaction, Builder() with { CorruptProposalHash = true });

    [Fact]
    public Task A_chaincode_without_a_definition_is_INVALID_CHAINCODE() =>
        AssertInvalidAsync(TxValidationCode.InvalidChaincode, new EndorsedTransaction(Net.Org1Client, new RwSet("othercc").Write("k", "v").Build()) { Chaincode = "othercc" });

    [Fact]
    public Task A_transaction_for_another_channel_is_TARGET_CHAIN_NOT_FOUND() =>
        AssertInvalidAsync(TxValidationCode.TargetChainNotFound, Builder() with { ChannelId = "otherchannel" });

    [Fact]
    public async Task Unparseable_payload_and_missing_header_get_Fabric_codes()
    {
        var chain = TestNetwork.Shared.NewChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain);
        var garbage = new Envelope { Payload = ByteString.CopyFrom(0xff, 0xff, 0xff), Signature = ByteString.Empty };
        var headerless = new Envelope { Payload = new Payload { Data = ByteString.CopyFromUtf8("x") }.ToByteString() };

        BlockCommitResult result = await peer.CommitAsync(chain.Cut(garbage, headerless));

        Assert.Equal([TxValidationCode.BadPayload, TxValidationCode.BadCommonHeader], result.Codes);
    }

    private static EndorsedTransaction Builder() => new(Net.Org1Client, new RwSet().Write("k", "v").Build());

    private static async Task AssertInvalidAsync(TxValidationCode expected, EndorsedTransaction builder)
    {
        var chain = TestNetwork.Shared.NewChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain);
        string before = await StateDump.OfAsync(peer);

        BlockCommitResult result = await peer.CommitAsync(chain.Cut(builder.Build()));

        Assert.Equal([expected], result.Codes);
        Assert.Equal([(byte)expected], peer.Blocks.GetBlock(1)!.Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter].ToByteArray());
        string after = await StateDump.OfAsync(peer);
        Assert.Equal(before.Replace("savepoint=0:0", "savepoint=1:0", StringComparison.Ordinal), after);
    }
}
