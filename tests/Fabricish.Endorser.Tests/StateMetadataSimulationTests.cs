using Fabricish.Channels.PrivateData;
using Fabricish.Endorser.Simulation;
using Fabricish.Ledger.State;
using Fabricish.Ledger.State.InMemory;
using Fabricish.Protos.Common;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Fabricish.Protos.Msp;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Endorser.Tests;

/// <summary>Key metadata in a simulation against Fabric's RWSetBuilder: the read-write set bytes are hand-encoded
/// from kv_rwset.proto (golden), not produced by our protobuf code.</summary>
public sealed class StateMetadataSimulationTests
{
    private const string Ns = "sbe";
    private const string Collection = "Org1Org2";
    private const string ValidationParameterHex = "56414c49444154494f4e5f504152414d45544552";

    private static readonly Dictionary<string, byte[]> Policy = new() { [KeyMetadata.ValidationParameter] = [0x01] };

    [Fact]
    public async Task A_metadata_write_goes_into_metadata_writes_after_the_value_writes_and_reading_metadata_records_a_read()
    {
        TxSimulator simulator = await SimulatorAsync(new InMemoryStateDatabase());

        Assert.Null(await simulator.GetStateMetadataAsync(Ns, "k"));
        simulator.SetStateMetadata(Ns, "k", Policy);
        simulator.SetState(Ns, "k", "v"u8.ToArray());
        TxReadWriteSet results = simulator.GetTxSimulationResults();

        // reads [{k}], writes [{k, v}], metadata_writes [{k, [{VALIDATION_PARAMETER, 0x01}]}]
        Assert.Equal(
            "0a030a016b" + "1a060a016b1a0176" + "221e0a016b12190a14" + ValidationParameterHex + "120101",
            Convert.ToHexStringLower(results.NsRwset.Single().Rwset.Span));
    }

    [Fact]
    public async Task A_later_metadata_write_replaces_the_earlier_and_no_entries_deletes()
    {
        TxSimulator simulator = await SimulatorAsync(new InMemoryStateDatabase());

        simulator.SetStateMetadata(Ns, "b", Policy);
        simulator.SetStateMetadata(Ns, "a", Policy);
        simulator.SetStateMetadata(Ns, "b", null);
        TxReadWriteSet results = simulator.GetTxSimulationResults();

        // metadata_writes [{a, [entry]}, {b}] in key order
        Assert.Equal(
            "221e0a016112190a14" + ValidationParameterHex + "120101" + "22030a0162",
            Convert.ToHexStringLower(results.NsRwset.Single().Rwset.Span));
    }

    [Fact]
    public async Task A_private_metadata_write_carries_its_entries_by_key_hash_and_only_the_key_in_the_private_set()
    {
        TxSimulator simulator = await SimulatorAsync(new InMemoryStateDatabase());

        simulator.SetPrivateDataMetadata(Ns, Collection, "asset1", Policy);
        TxReadWriteSet results = simulator.GetTxSimulationResults();

        CollectionHashedReadWriteSet hashed = results.NsRwset.Single().CollectionHashedRwset.Single();
        // HashedRWSet{metadata_writes: [{key_hash: sha256("asset1"), entries: [{VALIDATION_PARAMETER, 0x01}]}]}
        Assert.Equal(
            "1a3d0a20" + "8e3dd2ea9ff3da70862a52621f7c1dc81c2b184cb886a324a3f430ec11efd3f2" + "12190a14" + ValidationParameterHex + "120101",
            Convert.ToHexStringLower(hashed.HashedRwset.Span));
        CollectionPvtReadWriteSet pvt = simulator.PrivateResults!.NsPvtRwset.Single().CollectionPvtRwset.Single();
        // KVRWSet{metadata_writes: [{key: "asset1"}]} and its sha256 (sha256sum over the hand-encoded bytes).
        Assert.Equal("22080a06617373657431", Convert.ToHexStringLower(pvt.Rwset.Span));
        Assert.Equal("e106ee4f91e05cfa265aab3bb456056cb833bdeaa1919133a9329701c37b301d", Convert.ToHexStringLower(hashed.PvtRwsetHash.Span));
    }

    [Fact]
    public async Task Private_metadata_is_read_from_the_hashed_entry_and_records_a_hashed_read()
    {
        var state = new InMemoryStateDatabase();
        var batch = new UpdateBatch();
        byte[] metadata = KeyMetadata.Serialize([new KVMetadataEntry { Name = KeyMetadata.ValidationParameter, Value = ByteString.CopyFrom(0x07) }]);
        batch.Put(PrivateDataKeys.HashedNamespace(Ns, Collection), PrivateDataKeys.HashedKey("asset1"), PrivateDataKeys.ValueHash("v"u8), new Height(2, 0), metadata);
        await state.ApplyUpdatesAsync(batch, new Height(2, 0));
        TxSimulator simulator = await SimulatorAsync(state);

        IReadOnlyDictionary<string, byte[]>? read = await simulator.GetPrivateDataMetadataAsync(Ns, Collection, "asset1");

        Assert.Equal([0x07], read![KeyMetadata.ValidationParameter]);
        var hashedRead = HashedRWSet.Parser.ParseFrom(simulator.GetTxSimulationResults().NsRwset.Single().CollectionHashedRwset.Single().HashedRwset).HashedReads.Single();
        Assert.Equal((2ul, 0ul), (hashedRead.Version.BlockNum, hashedRead.Version.TxNum));
    }

    [Fact]
    public async Task Metadata_of_a_collection_the_chaincode_lacks_is_refused()
    {
        TxSimulator simulator = await SimulatorAsync(new InMemoryStateDatabase());

        TxSimulatorException e = Assert.Throws<TxSimulatorException>(() => simulator.SetPrivateDataMetadata(Ns, "nope", "k", Policy));
        Assert.Contains("nope", e.Message, StringComparison.Ordinal);
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
        var member = new SignaturePolicyEnvelope();
        member.Identities.Add(new MSPPrincipal { Principal = new MSPRole { MspIdentifier = "Org1MSP" }.ToByteString() });
        var package = new CollectionConfigPackage();
        package.Config.Add(new CollectionConfig
        {
            StaticCollectionConfig = new StaticCollectionConfig { Name = Collection, MemberOrgsPolicy = new CollectionPolicyConfig { SignaturePolicy = member } },
        });
        return package;
    }
}
