using Fabricish.Channels.PrivateData;
using Fabricish.Endorser.Simulation;
using Fabricish.Ledger.State;
using Fabricish.Ledger.State.InMemory;
using Fabricish.Protos.Common;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Fabricish.Protos.Msp;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Endorser.Tests;

/// <summary>The ChaincodeInterest an endorsement returns, as Fabric's buildChaincodeInterest with
/// parseWritesetMetadata: written keys that carry a key-level validation parameter put their policy on the public call
/// (DisregardNamespacePolicy when no unguarded key needs the chaincode's policy).</summary>
public sealed class ChaincodeInterestTests
{
    private const string Ns = "guarded";
    private const string Collection = "Org1Org2";

    // Hand-encoded SignaturePolicyEnvelope{rule: NOutOf{n:1, rules:[SignedBy 0]}, identities:[ROLE{Org2MSP, PEER}]},
    // what the shim's KeyEndorsementPolicy with AddOrgs(Peer, "Org2MSP") stores, and the interest carrying it.
    private const string Org2PeerPolicy = "120812060801120208001a0d120b0a074f7267324d53501003";
    private const string GuardedWriteInterest = "0a260a07677561726465642a19" + Org2PeerPolicy + "3001";

    [Fact]
    public async Task A_write_of_a_key_guarded_by_org2_asks_only_for_the_key_policy_with_fabrics_bytes()
    {
        TxSimulator simulator = await SimulatorAsync(await StateAsync());
        simulator.SetState(Ns, "asset", [1]);

        ChaincodeInterest interest = await simulator.GetChaincodeInterestAsync(_ => false);

        Assert.Equal(GuardedWriteInterest, Convert.ToHexStringLower(interest.ToByteArray()));
    }

    [Fact]
    public async Task A_guarded_and_an_unguarded_write_ask_for_the_key_policy_and_the_chaincode_policy()
    {
        TxSimulator simulator = await SimulatorAsync(await StateAsync());
        simulator.SetState(Ns, "asset", [1]);
        simulator.SetState(Ns, "plain", [2]);

        ChaincodeCall call = Assert.Single((await simulator.GetChaincodeInterestAsync(_ => false)).Chaincodes);

        Assert.Equal(Ns, call.Name);
        Assert.Equal(Org2PeerPolicy, Convert.ToHexStringLower(Assert.Single(call.KeyPolicies).ToByteArray()));
        Assert.False(call.DisregardNamespacePolicy);
    }

    [Fact]
    public async Task Setting_metadata_on_an_unguarded_key_needs_the_chaincode_policy_as_its_committed_metadata_has_no_policy()
    {
        TxSimulator simulator = await SimulatorAsync(await StateAsync());
        simulator.SetStateMetadata(Ns, "plain", new Dictionary<string, byte[]> { [KeyMetadata.ValidationParameter] = Convert.FromHexString(Org2PeerPolicy) });
        simulator.SetPrivateData(Ns, Collection, "secret", [3]);

        ChaincodeInterest interest = await simulator.GetChaincodeInterestAsync(_ => false);

        Assert.Equal(
            [new ChaincodeCall { Name = Ns }, new ChaincodeCall { Name = Ns, CollectionNames = { Collection }, NoPrivateReads = true }],
            interest.Chaincodes);
    }

    [Fact]
    public async Task A_write_of_a_guarded_private_key_puts_its_policy_on_the_public_call_and_asks_no_collection_policy()
    {
        TxSimulator simulator = await SimulatorAsync(await StateAsync());
        simulator.SetPrivateData(Ns, Collection, "guarded-secret", [4]);

        ChaincodeCall call = Assert.Single((await simulator.GetChaincodeInterestAsync(_ => false)).Chaincodes);

        Assert.Equal(Ns, call.Name);
        Assert.Empty(call.CollectionNames);
        Assert.Equal(Org2PeerPolicy, Convert.ToHexStringLower(Assert.Single(call.KeyPolicies).ToByteArray()));
        Assert.True(call.DisregardNamespacePolicy);
    }

    [Fact]
    public async Task A_read_of_a_guarded_key_without_a_write_asks_the_chaincode_policy_only()
    {
        TxSimulator simulator = await SimulatorAsync(await StateAsync());
        await simulator.GetStateAsync(Ns, "asset");

        Assert.Equal([new ChaincodeCall { Name = Ns }], (await simulator.GetChaincodeInterestAsync(_ => false)).Chaincodes);
    }

    [Fact]
    public async Task A_guarded_key_read_before_its_write_takes_its_policy_from_that_read_without_asking_the_state_again()
    {
        InMemoryStateDatabase state = await StateAsync();
        TxSimulator simulator = await SimulatorAsync(state);
        await simulator.GetStateAsync(Ns, "asset");
        simulator.SetState(Ns, "asset", [2]);
        // Never happens under the commit lock an endorsement holds; here it shows where the policy came from.
        var unguard = new UpdateBatch();
        unguard.Put(Ns, "asset", [1], new Height(3, 0));
        await state.ApplyUpdatesAsync(unguard, new Height(3, 0));

        ChaincodeInterest interest = await simulator.GetChaincodeInterestAsync(_ => false);

        Assert.Equal(GuardedWriteInterest, Convert.ToHexStringLower(interest.ToByteArray()));
    }

    [Fact]
    public async Task A_stored_validation_parameter_that_does_not_parse_fails_the_simulation()
    {
        var state = new InMemoryStateDatabase();
        var batch = new UpdateBatch();
        batch.Put(Ns, "broken", [1], new Height(1, 0), Metadata([0xff, 0xff]));
        await state.ApplyUpdatesAsync(batch, new Height(1, 0));
        TxSimulator simulator = await SimulatorAsync(state);
        simulator.SetState(Ns, "broken", [2]);

        TxSimulatorException error = await Assert.ThrowsAsync<TxSimulatorException>(() => simulator.GetChaincodeInterestAsync(_ => false));

        Assert.StartsWith("failed to unmarshal a key-level endorsement policy of a written key: ", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Metadata(byte[] validationParameter) =>
        KeyMetadata.Serialize([new KVMetadataEntry { Name = KeyMetadata.ValidationParameter, Value = ByteString.CopyFrom(validationParameter) }]);

    /// <summary>"asset" (public) and "guarded-secret" (private, by its hash) guarded by Org2's peers; "plain" is not.</summary>
    private static async Task<InMemoryStateDatabase> StateAsync()
    {
        var state = new InMemoryStateDatabase();
        var batch = new UpdateBatch();
        var height = new Height(2, 0);
        byte[] metadata = Metadata(Convert.FromHexString(Org2PeerPolicy));
        batch.Put(Ns, "asset", [1], height, metadata);
        batch.Put(Ns, "plain", [1], height);
        batch.Put(PrivateDataKeys.HashedNamespace(Ns, Collection), PrivateDataKeys.HashedKey("guarded-secret"), PrivateDataKeys.ValueHash([1]), height, metadata);
        await state.ApplyUpdatesAsync(batch, height);
        return state;
    }

    private static async Task<TxSimulator> SimulatorAsync(IStateDatabase state)
    {
        TxSimulator simulator = await TxSimulator.CreateAsync(state, "tx1");
        var collections = new ChaincodeCollections(Ns, Package(), ["Org1MSP", "Org2MSP"], "Org1MSP");
        simulator.CollectionsOf = ns => ns == Ns ? collections : null;
        return simulator;
    }

    private static CollectionConfigPackage Package()
    {
        var policy = new SignaturePolicyEnvelope { Rule = new SignaturePolicy { SignedBy = 0 } };
        policy.Identities.Add(new MSPPrincipal
        {
            PrincipalClassification = MSPPrincipal.Types.Classification.Role,
            Principal = new MSPRole { MspIdentifier = "Org1MSP", Role = MSPRole.Types.MSPRoleType.Member }.ToByteString(),
        });
        return new CollectionConfigPackage
        {
            Config = { new CollectionConfig { StaticCollectionConfig = new StaticCollectionConfig { Name = Collection, MemberOrgsPolicy = new CollectionPolicyConfig { SignaturePolicy = policy } } } },
        };
    }
}
