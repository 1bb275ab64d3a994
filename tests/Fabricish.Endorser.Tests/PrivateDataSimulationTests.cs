using System.Text;
using Fabricish.Channels.PrivateData;
using Fabricish.Endorser.Simulation;
using Fabricish.Ledger.State;
using Fabricish.Ledger.State.Embedded;
using Fabricish.Ledger.State.InMemory;
using Fabricish.Protos.Common;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Fabricish.Protos.Msp;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Endorser.Tests;

/// <summary>Private data in a simulation, against Fabric's rwsetutil: golden hashes computed outside our protobuf
/// code (sha256sum over the hand-encoded bytes), Fabric's ordering and messages.</summary>
public sealed class PrivateDataSimulationTests
{
    private const string Ns = "private";
    private const string Collection = "Org1Org2";

    // sha256("asset1"), sha256("v") and sha256 over the hand-encoded KVRWSet{writes:[{key:"asset1",value:"v"}]}.
    private const string Asset1KeyHash = "8e3dd2ea9ff3da70862a52621f7c1dc81c2b184cb886a324a3f430ec11efd3f2";
    private const string ValueHash = "4c94485e0c21ae6c41ce1dfe7b6bfaceea5ab68e40a2476f50208e526f506080";
    private const string PrivateWriteSetBytes = "1a0b0a066173736574311a0176";
    private const string PrivateWriteSetHash = "f2845e97f400e8ff6db70a87064b433cd5ebe141d485573969ebae2f81afe06f";

    [Fact]
    public async Task A_private_write_puts_fabrics_hashes_in_the_transaction_and_the_value_only_in_the_private_set()
    {
        TxSimulator simulator = await SimulatorAsync(new InMemoryStateDatabase());

        simulator.SetPrivateData(Ns, Collection, "asset1", Encoding.UTF8.GetBytes("v"));
        TxReadWriteSet results = simulator.GetTxSimulationResults();

        NsReadWriteSet ns = results.NsRwset.Single();
        Assert.Equal(Ns, ns.Namespace);
        Assert.Empty(KVRWSet.Parser.ParseFrom(ns.Rwset).Writes);
        CollectionHashedReadWriteSet hashed = ns.CollectionHashedRwset.Single();
        Assert.Equal(Collection, hashed.CollectionName);
        Assert.Equal(PrivateWriteSetHash, Convert.ToHexStringLower(hashed.PvtRwsetHash.Span));
        KVWriteHash write = HashedRWSet.Parser.ParseFrom(hashed.HashedRwset).HashedWrites.Single();
        Assert.Equal(Asset1KeyHash, Convert.ToHexStringLower(write.KeyHash.Span));
        Assert.Equal(ValueHash, Convert.ToHexStringLower(write.ValueHash.Span));
        Assert.DoesNotContain("asset1", results.ToByteString().ToStringUtf8(), StringComparison.Ordinal);

        CollectionPvtReadWriteSet pvt = simulator.PrivateResults!.NsPvtRwset.Single().CollectionPvtRwset.Single();
        Assert.Equal(PrivateWriteSetBytes, Convert.ToHexStringLower(pvt.Rwset.Span));
    }

    [Fact]
    public async Task Private_deletes_and_purges_hash_only_the_key_and_mark_the_purge()
    {
        TxSimulator simulator = await SimulatorAsync(new InMemoryStateDatabase());

        simulator.PurgePrivateData(Ns, Collection, "b");
        simulator.DeletePrivateData(Ns, Collection, "a");
        TxReadWriteSet results = simulator.GetTxSimulationResults();

        HashedRWSet hashed = HashedRWSet.Parser.ParseFrom(results.NsRwset.Single().CollectionHashedRwset.Single().HashedRwset);
        Assert.Equal(
            [(Hex("a"), true, false), (Hex("b"), true, true)],
            hashed.HashedWrites.Select(w => (Convert.ToHexStringLower(w.KeyHash.Span), w.IsDelete, w.IsPurge)));
        Assert.All(hashed.HashedWrites, w => Assert.True(w.ValueHash.IsEmpty));
    }

    [Fact]
    public async Task A_member_reads_committed_private_data_and_records_the_hashed_read_at_its_version()
    {
        InMemoryStateDatabase state = await CommittedAsync(withPrivateValue: true);
        TxSimulator simulator = await SimulatorAsync(state);

        byte[]? value = await simulator.GetPrivateDataAsync(Ns, Collection, "asset1");
        byte[]? hash = await simulator.GetPrivateDataHashAsync(Ns, Collection, "asset1");

        Assert.Equal("v", Encoding.UTF8.GetString(value!));
        Assert.Equal(ValueHash, Convert.ToHexStringLower(hash!));
        KVReadHash read = HashedRWSet.Parser.ParseFrom(simulator.GetTxSimulationResults().NsRwset.Single().CollectionHashedRwset.Single().HashedRwset).HashedReads.Single();
        Assert.Equal((Asset1KeyHash, 3ul, 1ul), (Convert.ToHexStringLower(read.KeyHash.Span), read.Version.BlockNum, read.Version.TxNum));
    }

    [Fact]
    public async Task A_peer_with_only_the_hash_cannot_read_the_value_but_answers_its_hash()
    {
        InMemoryStateDatabase state = await CommittedAsync(withPrivateValue: false);
        TxSimulator simulator = await SimulatorAsync(state);

        TxSimulatorException refused = await Assert.ThrowsAsync<TxSimulatorException>(() => simulator.GetPrivateDataAsync(Ns, Collection, "asset1"));
        byte[]? hash = await simulator.GetPrivateDataHashAsync(Ns, Collection, "asset1");

        Assert.Equal(
            "private data matching public hash version is not available. Public hash version = {BlockNum: 3, TxNum: 1}, Private data version = <nil>",
            refused.Message);
        Assert.Equal(ValueHash, Convert.ToHexStringLower(hash!));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_embedded_state_database_keeps_private_values_and_hashes_beside_public_state(bool member)
    {
        string directory = Path.Combine(Path.GetTempPath(), "fabricish-pdc-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (EmbeddedStateDatabase state = EmbeddedStateDatabase.Open(directory))
            {
                await CommitAsync(state, withPrivateValue: member);
                TxSimulator simulator = await SimulatorAsync(state);

                byte[]? hash = await simulator.GetPrivateDataHashAsync(Ns, Collection, "asset1");
                Assert.Equal(ValueHash, Convert.ToHexStringLower(hash!));
                if (member)
                {
                    Assert.Equal("v", Encoding.UTF8.GetString((await simulator.GetPrivateDataAsync(Ns, Collection, "asset1"))!));
                }
                else
                {
                    await Assert.ThrowsAsync<TxSimulatorException>(() => simulator.GetPrivateDataAsync(Ns, Collection, "asset1"));
                }
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_collection_the_chaincode_does_not_define_is_refused_with_fabrics_message()
    {
        TxSimulator simulator = await SimulatorAsync(new InMemoryStateDatabase());

        TxSimulatorException refused = Assert.Throws<TxSimulatorException>(() => simulator.SetPrivateData(Ns, "nope", "k", [1]));

        Assert.Equal("collection [nope] not defined in the collection config for chaincode [private]", refused.Message);
    }

    [Fact]
    public async Task The_implicit_collection_of_each_channel_org_resolves_and_others_do_not()
    {
        TxSimulator simulator = await SimulatorAsync(new InMemoryStateDatabase());

        simulator.SetPrivateData(Ns, "_implicit_org_Org2MSP", "k", [1]);

        Assert.Throws<TxSimulatorException>(() => simulator.SetPrivateData(Ns, "_implicit_org_Org9MSP", "k", [1]));
        Assert.Equal(["Org2MSP"], simulator.GetCollection(Ns, "_implicit_org_Org2MSP").MemberMspIds);
    }

    [Fact]
    public async Task A_private_range_query_is_refused_after_a_write_and_a_write_after_a_private_query()
    {
        TxSimulator writer = await SimulatorAsync(new InMemoryStateDatabase());
        writer.SetState(Ns, "k", [1]);
        TxSimulator reader = await SimulatorAsync(new InMemoryStateDatabase());
        _ = reader.GetPrivateDataRangeScanIterator(Ns, Collection, "", "");

        TxSimulatorException queryRefused = Assert.Throws<TxSimulatorException>(() => writer.GetPrivateDataRangeScanIterator(Ns, Collection, "", ""));
        TxSimulatorException writeRefused = Assert.Throws<TxSimulatorException>(() => reader.SetState(Ns, "k", [1]));

        Assert.Equal("txid [tx1]: unsuppored transaction. Queries on pvt data is supported only in a read-only transaction", queryRefused.Message);
        Assert.Equal("txid [tx1]: unsuppored transaction. Transaction has already performed queries on pvt data. Writes are not allowed", writeRefused.Message);
    }

    [Fact]
    public async Task The_interest_of_a_private_write_asks_the_collection_without_private_reads_and_the_chaincode_only_for_public_writes()
    {
        TxSimulator writeOnly = await SimulatorAsync(new InMemoryStateDatabase());
        writeOnly.SetPrivateData(Ns, Collection, "asset1", Encoding.UTF8.GetBytes("v"));
        writeOnly.GetTxSimulationResults();
        TxSimulator withPublic = await SimulatorAsync(new InMemoryStateDatabase());
        withPublic.SetPrivateData(Ns, Collection, "asset1", Encoding.UTF8.GetBytes("v"));
        withPublic.SetState(Ns, "public", [1]);
        withPublic.SetState("_lifecycle", "ignored", [1]);
        withPublic.GetTxSimulationResults();

        ChaincodeInterest collectionOnly = await writeOnly.GetChaincodeInterestAsync(_ => false);
        ChaincodeInterest both = await withPublic.GetChaincodeInterestAsync(ns => ns == "_lifecycle");

        Assert.Equal(new ChaincodeCall { Name = Ns, CollectionNames = { Collection }, NoPrivateReads = true }, Assert.Single(collectionOnly.Chaincodes));
        Assert.Equal([new ChaincodeCall { Name = Ns }, new ChaincodeCall { Name = Ns, CollectionNames = { Collection }, NoPrivateReads = true }], both.Chaincodes);
    }

    [Fact]
    public async Task The_interest_of_a_private_read_asks_the_chaincode_and_the_collection_with_private_reads_but_a_hash_read_is_no_private_read()
    {
        InMemoryStateDatabase state = await CommittedAsync(withPrivateValue: true);
        TxSimulator reader = await SimulatorAsync(state);
        await reader.GetPrivateDataAsync(Ns, Collection, "asset1");
        reader.GetTxSimulationResults();
        TxSimulator hashReader = await SimulatorAsync(state);
        await hashReader.GetPrivateDataHashAsync(Ns, Collection, "asset1");
        hashReader.GetTxSimulationResults();

        Assert.Equal(
            [new ChaincodeCall { Name = Ns }, new ChaincodeCall { Name = Ns, CollectionNames = { Collection }, NoPrivateReads = false }],
            (await reader.GetChaincodeInterestAsync(_ => false)).Chaincodes);
        Assert.Equal([new ChaincodeCall { Name = Ns }], (await hashReader.GetChaincodeInterestAsync(_ => false)).Chaincodes);
    }

    private static string Hex(string key) => Convert.ToHexStringLower(PrivateDataKeys.KeyHash(key));

    private static async Task<TxSimulator> SimulatorAsync(IStateDatabase state)
    {
        TxSimulator simulator = await TxSimulator.CreateAsync(state, "tx1");
        var collections = new ChaincodeCollections(Ns, Package(), ["Org1MSP", "Org2MSP"], "Org1MSP");
        simulator.CollectionsOf = ns => ns == Ns ? collections : null;
        return simulator;
    }

    private static async Task<InMemoryStateDatabase> CommittedAsync(bool withPrivateValue)
    {
        var state = new InMemoryStateDatabase();
        await CommitAsync(state, withPrivateValue);
        return state;
    }

    private static async Task CommitAsync(IStateDatabase state, bool withPrivateValue)
    {
        var batch = new UpdateBatch();
        var height = new Height(3, 1);
        batch.Put(PrivateDataKeys.HashedNamespace(Ns, Collection), PrivateDataKeys.HashedKey("asset1"), PrivateDataKeys.ValueHash("v"u8), height);
        if (withPrivateValue)
        {
            batch.Put(PrivateDataKeys.PrivateNamespace(Ns, Collection), "asset1", Encoding.UTF8.GetBytes("v"), height);
        }

        await state.ApplyUpdatesAsync(batch, height);
    }

    private static CollectionConfigPackage Package()
    {
        var policy = new SignaturePolicyEnvelope
        {
            Rule = new SignaturePolicy { NOutOf = new SignaturePolicy.Types.NOutOf { N = 1, Rules = { new SignaturePolicy { SignedBy = 0 }, new SignaturePolicy { SignedBy = 1 } } } },
        };
        foreach (string msp in new[] { "Org1MSP", "Org2MSP" })
        {
            policy.Identities.Add(new MSPPrincipal
            {
                PrincipalClassification = MSPPrincipal.Types.Classification.Role,
                Principal = new MSPRole { MspIdentifier = msp, Role = MSPRole.Types.MSPRoleType.Member }.ToByteString(),
            });
        }

        return new CollectionConfigPackage
        {
            Config =
            {
                new CollectionConfig
                {
                    StaticCollectionConfig = new StaticCollectionConfig
                    {
                        Name = Collection,
                        MemberOrgsPolicy = new CollectionPolicyConfig { SignaturePolicy = policy },
                        RequiredPeerCount = 0,
                        MaximumPeerCount = 1,
                    },
                },
            },
        };
    }
}
