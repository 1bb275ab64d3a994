using Fabricish.Channels.PrivateData;
using Fabricish.Endorser.Simulation;
using Fabricish.Ledger.State;
using Fabricish.Ledger.State.InMemory;
using Fabricish.Peer.Lifecycle;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Peer.Tests.Lifecycle;

/// <summary>An organisation's approval as Fabric's lifecycle Serializer stores it in the org's implicit collection of
/// <c>_lifecycle</c>, and readiness judged from the hashes alone.</summary>
public sealed class OrgApprovalStateTests
{
    private static readonly LifecycleDefinition Definition = new(
        "basic", 1, "1.0", "escc", "vscc", LifecycleDefinition.DefaultValidationParameter, new CollectionConfigPackage(), false);

    [Fact]
    public async Task An_approval_writes_fabrics_private_keys_in_the_orgs_implicit_collection_and_nothing_public()
    {
        TxSimulator simulator = await SimulatorAsync(new InMemoryStateDatabase());

        await ApproveAsync(simulator, "basic_1.0:abc");
        TxReadWriteSet results = simulator.GetTxSimulationResults();

        NsReadWriteSet ns = Assert.Single(results.NsRwset);
        Assert.Equal("_lifecycle", ns.Namespace);
        Assert.Empty(KVRWSet.Parser.ParseFrom(ns.Rwset).Writes);
        Assert.Equal("_implicit_org_Org1MSP", Assert.Single(ns.CollectionHashedRwset).CollectionName);
        KVRWSet written = KVRWSet.Parser.ParseFrom(simulator.PrivateResults!.NsPvtRwset.Single().CollectionPvtRwset.Single().Rwset);
        Assert.Equal(
            [
                "chaincode-sources/fields/basic#1/PackageID", "chaincode-sources/metadata/basic#1",
                "namespaces/fields/basic#1/Collections", "namespaces/fields/basic#1/EndorsementInfo",
                "namespaces/fields/basic#1/ValidationInfo", "namespaces/metadata/basic#1",
            ],
            written.Writes.Select(w => w.Key));
        // StateData{String: "basic_1.0:abc"} and StateMetadata{datatype: "ChaincodeLocalPackage", fields: ["PackageID"]}.
        Assert.Equal("1a0d62617369635f312e303a616263", Convert.ToHexStringLower(written.Writes[0].Value.Span));
        Assert.Equal("0a15436861696e636f64654c6f63616c5061636b61676512095061636b6167654944", Convert.ToHexStringLower(written.Writes[1].Value.Span));
    }

    [Fact]
    public async Task Approving_the_same_parameters_and_package_again_writes_nothing_and_a_new_package_writes_only_its_id()
    {
        InMemoryStateDatabase state = new();
        await CommitApprovalAsync(state, "basic_1.0:abc");

        TxSimulator same = await SimulatorAsync(state);
        await ApproveAsync(same, "basic_1.0:abc");
        same.GetTxSimulationResults();
        TxSimulator other = await SimulatorAsync(state);
        await ApproveAsync(other, "basic_1.0:def");
        other.GetTxSimulationResults();

        Assert.Null(same.PrivateResults);
        KVRWSet written = KVRWSet.Parser.ParseFrom(other.PrivateResults!.NsPvtRwset.Single().CollectionPvtRwset.Single().Rwset);
        Assert.Equal("chaincode-sources/fields/basic#1/PackageID", Assert.Single(written.Writes).Key);
    }

    [Fact]
    public async Task Readiness_from_the_hashes_finds_the_approval_the_differing_field_and_an_org_that_approved_nothing()
    {
        InMemoryStateDatabase state = new();
        await CommitApprovalAsync(state, "basic_1.0:abc", withValues: false);
        TxSimulator simulator = await SimulatorAsync(state);
        IReadOnlyList<KeyValuePair<string, byte[]>> parameters = LifecycleStateCodec.EncodeParameters(Definition);
        IReadOnlyList<KeyValuePair<string, byte[]>> otherVersion = LifecycleStateCodec.EncodeParameters(Definition with { Version = "2.0" });

        var org1 = new OrgApprovalState(simulator, "Org1MSP", default);
        var org2 = new OrgApprovalState(simulator, "Org2MSP", default);
        IReadOnlyList<string> agreed = await LifecycleSerializer.MismatchesAsync(org1, "namespaces", "basic#1", "ChaincodeParameters", parameters);
        IReadOnlyList<string> differs = await LifecycleSerializer.MismatchesAsync(org1, "namespaces", "basic#1", "ChaincodeParameters", otherVersion);
        IReadOnlyList<string> none = await LifecycleSerializer.MismatchesAsync(org2, "namespaces", "basic#1", "ChaincodeParameters", parameters);

        Assert.Empty(agreed);
        Assert.Equal(["EndorsementInfo"], differs);
        Assert.Equal(["ChaincodeParameters"], none);
    }

    private static async Task ApproveAsync(TxSimulator simulator, string packageId)
    {
        var own = new OrgApprovalState(simulator, "Org1MSP", default);
        await LifecycleSerializer.SerializeAsync(own, "namespaces", "basic#1", "ChaincodeParameters", LifecycleStateCodec.EncodeParameters(Definition));
        await LifecycleSerializer.SerializeAsync(own, "chaincode-sources", "basic#1", "ChaincodeLocalPackage", LifecycleStateCodec.EncodeLocalPackage(packageId));
    }

    /// <summary>Commits Org1's approval as block 2: the hashes every peer keeps and, on Org1's peers, the values.</summary>
    private static async Task CommitApprovalAsync(InMemoryStateDatabase state, string packageId, bool withValues = true)
    {
        TxSimulator simulator = await SimulatorAsync(state);
        await ApproveAsync(simulator, packageId);
        simulator.GetTxSimulationResults();
        var height = new Height(2, 0);
        var batch = new UpdateBatch();
        foreach (KVWrite write in KVRWSet.Parser.ParseFrom(simulator.PrivateResults!.NsPvtRwset.Single().CollectionPvtRwset.Single().Rwset).Writes)
        {
            batch.Put(PrivateDataKeys.HashedNamespace("_lifecycle", "_implicit_org_Org1MSP"), PrivateDataKeys.HashedKey(write.Key), PrivateDataKeys.ValueHash(write.Value.Span), height);
            if (withValues)
            {
                batch.Put(PrivateDataKeys.PrivateNamespace("_lifecycle", "_implicit_org_Org1MSP"), write.Key, write.Value.ToByteArray(), height);
            }
        }

        await state.ApplyUpdatesAsync(batch, height);
    }

    private static async Task<TxSimulator> SimulatorAsync(IStateDatabase state)
    {
        TxSimulator simulator = await TxSimulator.CreateAsync(state, "tx1");
        var collections = new ChaincodeCollections("_lifecycle", null, ["Org1MSP", "Org2MSP"], "Org1MSP");
        simulator.CollectionsOf = ns => ns == "_lifecycle" ? collections : null;
        return simulator;
    }
}
