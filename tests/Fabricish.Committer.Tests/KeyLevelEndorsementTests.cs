using Fabricish.Channels.Config;
using Fabricish.Channels.Msp;
using Fabricish.Channels.Policies;
using Fabricish.Channels.PrivateData;
using Fabricish.Committer.Config;
using Fabricish.Committer.Tests.Support;
using Fabricish.Committer.Validation;
using Fabricish.Ledger;
using Fabricish.Ledger.State;
using Fabricish.Ledger.State.InMemory;
using Fabricish.Protos.Common;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Fabricish.Testing.Policies;
using Fabricish.Testing.Transactions;
using Google.Protobuf;

namespace Fabricish.Committer.Tests;

/// <summary>State-based endorsement and collection endorsement policies at commit, against Fabric's v20 statebased
/// evaluator: the chaincode policy here is AND(Org1, Org2); a key's VALIDATION_PARAMETER replaces it for that key.</summary>
public sealed class KeyLevelEndorsementTests
{
    private const string Collection = "secrets";

    private static TestNetwork Net => TestNetwork.Shared;

    private static readonly byte[] Org2Only = KeyPolicy("Org2MSP");

    [Fact]
    public async Task A_key_whose_policy_needs_Org2_is_refused_when_only_Org1_endorses_and_accepted_when_only_Org2_does()
    {
        IStateDatabase state = await StateWithAsync(("guarded", Org2Only));

        TxValidationCode[] codes = await JudgeAsync(
            state,
            Tx(new RwSet().Write("guarded", "by org1"), Net.Org1Peer),
            Tx(new RwSet().Write("guarded", "by org2"), Net.Org2Peer));

        // The chaincode's AND(Org1, Org2) is not needed: the key's own policy replaces it.
        Assert.Equal([TxValidationCode.EndorsementPolicyFailure, TxValidationCode.Valid], codes);
    }

    [Fact]
    public async Task A_transaction_refused_by_a_keys_policy_claims_no_tx_id_in_its_block_as_fabric_marks_duplicates_after_its_validation_plugins()
    {
        // Org1 and Org2 endorse each: the chaincode policy passes, the key's policy (an org outside the channel) fails.
        IStateDatabase state = await StateWithAsync(("locked", KeyPolicy("Org3MSP")));
        var refused = new EndorsedTransaction(Net.Org1Client, new RwSet().Write("locked", "x").Build());
        var sameId = refused with { Results = new RwSet().Write("plain", "y").Build() };
        var again = sameId with { Results = new RwSet().Write("plain", "z").Build() };

        TxValidationCode[] codes = await JudgeAsync(state, refused.Build(), sameId.Build(), again.Build());

        // Fabric's txvalidator: markTXIdDuplicates only sees tx ids of transactions its plugins found VALID.
        Assert.Equal([TxValidationCode.EndorsementPolicyFailure, TxValidationCode.Valid, TxValidationCode.DuplicateTxid], codes);
    }

    [Fact]
    public async Task A_key_without_a_policy_written_beside_a_guarded_one_still_needs_the_chaincode_policy()
    {
        IStateDatabase state = await StateWithAsync(("guarded", Org2Only));

        TxValidationCode[] codes = await JudgeAsync(
            state,
            Tx(new RwSet().Write("guarded", "x").Write("plain", "y"), Net.Org2Peer),
            Tx(new RwSet().Write("guarded", "x").Write("plain", "y"), Net.Org1Peer, Net.Org2Peer));

        Assert.Equal([TxValidationCode.EndorsementPolicyFailure, TxValidationCode.Valid], codes);
    }

    [Fact]
    public async Task Setting_a_keys_policy_is_itself_held_to_the_policy_the_key_has_now()
    {
        IStateDatabase state = await StateWithAsync(("guarded", Org2Only));

        TxValidationCode[] codes = await JudgeAsync(
            state,
            Tx(new RwSet().WriteMetadata("guarded", (KeyMetadata.ValidationParameter, KeyPolicy("Org1MSP"))), Net.Org1Peer));

        Assert.Equal([TxValidationCode.EndorsementPolicyFailure], codes);
    }

    [Fact]
    public async Task A_write_after_an_earlier_valid_transaction_of_the_block_changed_the_keys_metadata_is_ENDORSEMENT_POLICY_FAILURE()
    {
        IStateDatabase state = await StateWithAsync(("k", null));

        TxValidationCode[] codes = await JudgeAsync(
            state,
            Tx(new RwSet().WriteMetadata("k", (KeyMetadata.ValidationParameter, Org2Only)), Net.Org1Peer, Net.Org2Peer),
            Tx(new RwSet().Write("k", "later"), Net.Org1Peer, Net.Org2Peer),
            Tx(new RwSet().Write("other", "unaffected"), Net.Org1Peer, Net.Org2Peer));

        Assert.Equal([TxValidationCode.Valid, TxValidationCode.EndorsementPolicyFailure, TxValidationCode.Valid], codes);
    }

    [Fact]
    public async Task A_metadata_change_by_a_transaction_that_failed_its_endorsement_blocks_no_later_writer()
    {
        IStateDatabase state = await StateWithAsync(("k", null));

        TxValidationCode[] codes = await JudgeAsync(
            state,
            Tx(new RwSet().WriteMetadata("k", (KeyMetadata.ValidationParameter, Org2Only)), Net.Org1Peer),
            Tx(new RwSet().Write("k", "later"), Net.Org1Peer, Net.Org2Peer));

        Assert.Equal([TxValidationCode.EndorsementPolicyFailure, TxValidationCode.Valid], codes);
    }

    [Fact]
    public async Task A_collection_endorsement_policy_replaces_the_chaincode_policy_for_writes_to_that_collection()
    {
        var state = new InMemoryStateDatabase();
        var policies = new Policies(collectionRule: "OR('Org1MSP.peer')");

        TxValidationCode[] codes = await JudgeAsync(
            state,
            policies,
            Tx(PrivateWrite(Collection, "secret"), Net.Org1Peer),
            Tx(PrivateWrite(Collection, "secret"), Net.Org2Peer),
            Tx(PrivateWrite("unknown", "secret"), Net.Org1Peer, Net.Org2Peer));

        Assert.Equal([TxValidationCode.Valid, TxValidationCode.EndorsementPolicyFailure, TxValidationCode.EndorsementPolicyFailure], codes);
    }

    [Fact]
    public async Task A_collection_without_its_own_policy_uses_the_chaincodes()
    {
        var policies = new Policies(collectionRule: null);

        TxValidationCode[] codes = await JudgeAsync(
            new InMemoryStateDatabase(),
            policies,
            Tx(PrivateWrite(Collection, "secret"), Net.Org1Peer),
            Tx(PrivateWrite(Collection, "secret"), Net.Org1Peer, Net.Org2Peer));

        Assert.Equal([TxValidationCode.EndorsementPolicyFailure, TxValidationCode.Valid], codes);
    }

    [Fact]
    public async Task A_private_keys_validation_parameter_is_read_by_key_hash()
    {
        var state = new InMemoryStateDatabase();
        var batch = new UpdateBatch();
        batch.Put(PrivateDataKeys.HashedNamespace(TestNetwork.Chaincode, Collection), PrivateDataKeys.HashedKey("secret"), [1], new Height(1, 0), Metadata(Org2Only));
        await state.ApplyUpdatesAsync(batch, new Height(1, 0));

        TxValidationCode[] codes = await JudgeAsync(
            state,
            new Policies(collectionRule: "OR('Org1MSP.peer')"),
            Tx(PrivateWrite(Collection, "secret"), Net.Org1Peer),
            Tx(PrivateWrite(Collection, "secret"), Net.Org2Peer));

        Assert.Equal([TxValidationCode.EndorsementPolicyFailure, TxValidationCode.Valid], codes);
    }

    [Fact]
    public async Task Committed_policies_guard_the_next_block_and_a_value_write_keeps_the_keys_metadata()
    {
        var chain = Net.NewChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain);
        Envelope set = new EndorsedTransaction(Net.Org1Client, new RwSet().Write("asset", "v1").WriteMetadata("asset", (KeyMetadata.ValidationParameter, Org2Only)).Build()).Build();
        Assert.Equal([TxValidationCode.Valid], (await peer.CommitAsync(chain.Cut(set))).Codes);

        // Block 2 is judged while block 1's state may still be in the write pipeline.
        Envelope byOrg1 = new EndorsedTransaction(Net.Org1Client, new RwSet().Write("asset", "v2").Build()) { Endorsers = [Net.Org1Peer] }.Build();
        Envelope byOrg2 = new EndorsedTransaction(Net.Org1Client, new RwSet().Write("asset", "v3").Build()) { Endorsers = [Net.Org2Peer] }.Build();
        Assert.Equal([TxValidationCode.EndorsementPolicyFailure, TxValidationCode.Valid], (await peer.CommitAsync(chain.Cut(byOrg1, byOrg2))).Codes);

        Envelope again = new EndorsedTransaction(Net.Org1Client, new RwSet().Write("asset", "v4").Build()) { Endorsers = [Net.Org1Peer] }.Build();
        Assert.Equal([TxValidationCode.EndorsementPolicyFailure], (await peer.CommitAsync(chain.Cut(again))).Codes);
        VersionedValue? stored = await peer.State.GetStateAsync(TestNetwork.Chaincode, "asset");
        Assert.Equal(("v3", new Height(2, 1)), (System.Text.Encoding.UTF8.GetString(stored!.Value), stored.Version));
        Assert.Equal(Org2Only, KeyMetadata.ValidationParameterOf(stored.Metadata));
    }

    [Fact]
    public async Task A_metadata_only_write_keeps_the_value_at_a_new_version_and_no_entries_removes_the_metadata()
    {
        var chain = Net.NewChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain);
        await peer.CommitAsync(chain.Cut(new EndorsedTransaction(Net.Org1Client, new RwSet().Write("asset", "v1").Build()).Build()));

        Envelope guard = new EndorsedTransaction(Net.Org1Client, new RwSet().WriteMetadata("asset", (KeyMetadata.ValidationParameter, Org2Only)).WriteMetadata("absent", (KeyMetadata.ValidationParameter, Org2Only)).Build()).Build();
        Assert.Equal([TxValidationCode.Valid], (await peer.CommitAsync(chain.Cut(guard))).Codes);
        VersionedValue? guarded = await peer.State.GetStateAsync(TestNetwork.Chaincode, "asset");
        Assert.Equal(("v1", new Height(2, 0)), (System.Text.Encoding.UTF8.GetString(guarded!.Value), guarded.Version));
        Assert.Equal(Org2Only, KeyMetadata.ValidationParameterOf(guarded.Metadata));
        Assert.Null(await peer.State.GetStateAsync(TestNetwork.Chaincode, "absent"));

        Envelope clear = new EndorsedTransaction(Net.Org1Client, new RwSet().WriteMetadata("asset").Build()) { Endorsers = [Net.Org2Peer] }.Build();
        Assert.Equal([TxValidationCode.Valid], (await peer.CommitAsync(chain.Cut(clear))).Codes);
        Assert.Null((await peer.State.GetStateAsync(TestNetwork.Chaincode, "asset"))!.Metadata);
    }

    /// <summary>A SignaturePolicyEnvelope as the shim's KeyEndorsementPolicy writes one: every org's peer signs.</summary>
    private static byte[] KeyPolicy(params string[] mspIds) =>
        DefinedEndorsementPolicies.SignaturePolicy($"AND({string.Join(',', mspIds.Select(m => $"'{m}.peer'"))})").SignaturePolicy.ToByteArray();

    private static byte[] Metadata(byte[] parameter) =>
        KeyMetadata.Serialize([new KVMetadataEntry { Name = KeyMetadata.ValidationParameter, Value = ByteString.CopyFrom(parameter) }]);

    private static async Task<IStateDatabase> StateWithAsync(params (string Key, byte[]? Parameter)[] keys)
    {
        var state = new InMemoryStateDatabase();
        var batch = new UpdateBatch();
        foreach ((string key, byte[]? parameter) in keys)
        {
            batch.Put(TestNetwork.Chaincode, key, [0], new Height(1, 0), parameter is null ? null : Metadata(parameter));
        }

        await state.ApplyUpdatesAsync(batch, new Height(1, 0));
        return state;
    }

    private static Envelope Tx(RwSet rwSet, params SigningIdentity[] endorsers) => Tx(rwSet.Build(), endorsers);

    private static Envelope Tx(TxReadWriteSet rwSet, params SigningIdentity[] endorsers) =>
        new EndorsedTransaction(Net.Org1Client, rwSet) { Endorsers = endorsers }.Build();

    private static TxReadWriteSet PrivateWrite(string collection, string key)
    {
        var hashed = new HashedRWSet();
        hashed.HashedWrites.Add(new KVWriteHash { KeyHash = ByteString.CopyFrom(PrivateDataKeys.KeyHash(key)), ValueHash = ByteString.CopyFrom(PrivateDataKeys.ValueHash("v"u8)) });
        var ns = new NsReadWriteSet { Namespace = TestNetwork.Chaincode, Rwset = new KVRWSet().ToByteString() };
        ns.CollectionHashedRwset.Add(new CollectionHashedReadWriteSet { CollectionName = collection, HashedRwset = hashed.ToByteString() });
        var set = new TxReadWriteSet { DataModel = TxReadWriteSet.Types.DataModel.Kv };
        set.NsRwset.Add(ns);
        return set;
    }

    private static Task<TxValidationCode[]> JudgeAsync(IStateDatabase state, params Envelope[] envelopes) =>
        JudgeAsync(state, new Policies(collectionRule: null), envelopes);

    private static async Task<TxValidationCode[]> JudgeAsync(IStateDatabase state, Policies policies, params Envelope[] envelopes)
    {
        var config = new ChannelConfigHolder(Net.Config);
        var validator = new TxValidator(config, policies, new NoTxIds(), new ConfigTransactionHandler(config));
        IReadOnlyList<ValidatedTransaction> validated = validator.Validate(Net.NewChain().Cut(envelopes));
        MvccOutcome outcome = await new MvccValidator(state, null, policies).ValidateAndPrepareAsync(2, validated);
        return [.. outcome.Codes];
    }

    private sealed class NoTxIds : ICommittedTxIds
    {
        public bool Contains(string txId) => false;
    }

    /// <summary>The chaincode's AND(Org1, Org2), and for collection "secrets" the given rule (null: none of its own);
    /// any other collection name is Fabric's "no such collection".</summary>
    private sealed class Policies(string? collectionRule) : IEndorsementPolicyProvider
    {
        private readonly DefinedEndorsementPolicies _chaincodes = DefinedEndorsementPolicies.Signature(TestNetwork.BothOrgsPolicy, TestNetwork.Chaincode);

        public IPolicy? GetPolicy(string chaincodeName, ChannelConfig config) => _chaincodes.GetPolicy(chaincodeName, config);

        public CollectionPolicy GetCollectionPolicy(string ns, string collection, ChannelConfig config)
        {
            if (collection != Collection)
            {
                return CollectionPolicy.Refused($"no such collection '{collection}'");
            }

            if (collectionRule is null)
            {
                return CollectionPolicy.ChaincodePolicy;
            }

            ApplicationPolicy rule = DefinedEndorsementPolicies.SignaturePolicy(collectionRule);
            return CollectionPolicy.Of(PolicyCompiler.CompileSignaturePolicy(rule.SignaturePolicy, config.Msps, "collection policy").Value!);
        }
    }
}
