using System.Net;
using Fabricish.Channels.Blocks;
using Fabricish.Channels.Msp;
using Fabricish.Ledger;
using Fabricish.Peer.Channels;
using Fabricish.Peer.Tests.Committing.Support;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Fabricish.Testing.Fixtures;
using Fabricish.Testing.Infra;
using Fabricish.Testing.Transactions;
using Google.Protobuf;

namespace Fabricish.Peer.Tests.Committing;

/// <summary>Peer hosts in-process joined to channels of an in-process orderer over the shared Kafka cluster, each
/// with its own CouchDB (pouchdb-server): blocks flow from broadcast to the peers' ledgers and state.</summary>
[Collection(PeerKafkaCollection.Name)]
public sealed class CommittingPeerTests(KafkaClusterFixture kafka, PeerNetworkFixture shared) : IClassFixture<PeerNetworkFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(90);

    private readonly List<IAsyncDisposable> _owned = [];

    private TestNetwork Net => shared.Network;

    public Task InitializeAsync() => kafka.Cluster.EnsureAllBrokersRunningAsync();

    public async Task DisposeAsync()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }
    }

    [Fact]
    public async Task Peers_joined_by_their_admins_commit_the_orderers_blocks_and_end_with_identical_state()
    {
        (InProcessOrderer orderer, Block genesis) = await NewChannelAsync("peer-commit");
        TestPeerHost org1 = await StartPeerAsync(Net.Org1, Net.Org1Peer, shared.CouchDbA, orderer.Endpoint);
        TestPeerHost org2 = await StartPeerAsync(Net.Org2, Net.Org2Peer, shared.CouchDbB, orderer.Endpoint);
        await JoinAsync(org1, genesis, Net.Org1, Net.Org1Admin);
        await JoinAsync(org2, genesis, Net.Org2, Net.Org2Admin);
        ulong defined = await DefineChaincodeAsync(orderer, "peer-commit", org1, org2);

        Envelope[] sent = Transactions("peer-commit", 0, 12);
        await orderer.BroadcastAsync(sent);

        PeerChannel one = await WaitForTransactionsAsync(org1, "peer-commit", sent);
        PeerChannel two = await org2.WaitForHeightAsync("peer-commit", one.Height, Settle);
        Assert.Equal(await StateDigest.OfAsync(one), await StateDigest.OfAsync(two));
        Assert.Equal("v11", System.Text.Encoding.UTF8.GetString((await one.State.GetStateAsync(TestNetwork.Chaincode, "k11"))!.Value));
        TxValidationCode[] codes = [.. Enumerable.Range((int)defined, (int)(one.Height - defined)).SelectMany(n => TransactionsFilterOf(one.Blocks.GetBlock((ulong)n)!))];
        Assert.Equal(12, codes.Length);
        Assert.Equal(9, codes.Count(c => c == TxValidationCode.Valid));
        Assert.Equal(3, codes.Count(c => c == TxValidationCode.MvccReadConflict));
        CliRun.Outcome list = await CliRun.RunAsync("peer", "channel", "list", "--peer", org1.PeerAddress, "--msp-dir", MspDir(Net.Org1, Net.Org1Admin), "--msp-id", "Org1MSP");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("\npeer-commit\n", list.Stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_block_without_valid_orderer_signatures_is_never_applied_and_healthz_says_why()
    {
        Block genesis = Net.Channel.GenesisFor("peer-forged");
        Block forged = ForgedBlock(genesis, Net.Org1Peer1, Transactions("peer-forged", 0, 1));
        StubOrderer stub = Own(await StubOrderer.StartAsync([forged]));
        TestPeerHost peer = await StartPeerAsync(Net.Org1, Net.Org1Peer, shared.CouchDbA, stub.Endpoint);
        await JoinAsync(peer, genesis, Net.Org1, Net.Org1Admin);

        string health = await peer.WaitForHealthAsync(HttpStatusCode.ServiceUnavailable, Settle, containing: "block 1");

        Assert.Contains("channel/peer-forged", health, StringComparison.Ordinal);
        Assert.Contains(PolicyNames.BlockValidation, health, StringComparison.Ordinal);
        PeerChannel channel = peer.Channels.Get("peer-forged")!;
        Assert.Equal(1UL, channel.Height);
        Assert.Null(await channel.State.GetStateAsync(TestNetwork.Chaincode, "k0"));
    }

    [Fact]
    public async Task A_join_not_signed_by_an_admin_of_the_peers_organization_is_refused()
    {
        Block genesis = Net.Channel.GenesisFor("peer-nonadmin");
        TestPeerHost peer = await StartPeerAsync(Net.Org1, Net.Org1Peer, shared.CouchDbA, "127.0.0.1:1");

        CliRun.Outcome client = await JoinWithCliAsync(peer, genesis, Net.Org1, Net.Org1Client);
        CliRun.Outcome otherOrgAdmin = await JoinWithCliAsync(peer, genesis, Net.Org2, Net.Org2Admin);

        Assert.Equal(1, client.ExitCode);
        Assert.Contains("bad proposal response 500: access denied for [JoinChain][peer-nonadmin]: [Failed verifying that proposal's creator satisfies local MSP principal", client.Stderr, StringComparison.Ordinal);
        Assert.Contains("not an admin of Org1MSP", client.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, otherOrgAdmin.ExitCode);
        Assert.Contains("bad proposal response 500: error validating proposal: access denied: channel [] creator org unknown, creator is malformed", otherOrgAdmin.Stderr, StringComparison.Ordinal);
        Assert.Empty(peer.Channels.ChannelIds);
        Assert.False(Directory.Exists(peer.ChannelDirectory("peer-nonadmin")));
    }

    [Fact]
    public async Task Commits_pause_while_CouchDB_is_down_and_resume_where_they_stopped_without_skipping_or_repeating_a_block()
    {
        const string channelId = "peer-outage";
        var couch = Own(await PouchDbServer.StartAsync(inMemory: false));
        (InProcessOrderer orderer, Block genesis) = await NewChannelAsync(channelId);
        TestPeerHost peer = await StartPeerAsync(Net.Org1, Net.Org1Peer, couch, orderer.Endpoint);
        TestPeerHost reference = await StartPeerAsync(Net.Org2, Net.Org2Peer, shared.CouchDbB, orderer.Endpoint);
        await JoinAsync(peer, genesis, Net.Org1, Net.Org1Admin);
        await JoinAsync(reference, genesis, Net.Org2, Net.Org2Admin);
        await DefineChaincodeAsync(orderer, channelId, peer, reference);
        Envelope[] before = Transactions(channelId, 0, 6);
        await orderer.BroadcastAsync(before);
        ulong heightBefore = (await WaitForTransactionsAsync(peer, channelId, before)).Height;

        await couch.StopAsync();
        Envelope[] during = Transactions(channelId, 6, 10);
        await orderer.BroadcastAsync(during);
        string health = await peer.WaitForHealthAsync(HttpStatusCode.ServiceUnavailable, Settle, containing: "CouchDB");
        PeerChannel paused = peer.Channels.Get(channelId)!;

        // The block whose state write failed may be in the block store; nothing after it is taken.
        Assert.InRange(paused.Height, heightBefore, heightBefore + 1);
        Assert.Contains($"couchdb/{channelId}", health, StringComparison.Ordinal);

        await couch.RestartAsync();
        PeerChannel resumed = await WaitForTransactionsAsync(peer, channelId, during);
        await peer.WaitForHealthAsync(HttpStatusCode.OK, Settle);
        PeerChannel other = await WaitForTransactionsAsync(reference, channelId, during);
        await reference.WaitForHeightAsync(channelId, resumed.Height, Settle);
        Assert.Equal(resumed.Height, other.Height);
        Assert.Equal(await StateDigest.OfAsync(other), await StateDigest.OfAsync(resumed));
    }

    private async Task<(InProcessOrderer Orderer, Block Genesis)> NewChannelAsync(string channelId)
    {
        InProcessOrderer orderer = await shared.OrdererAsync(kafka.Cluster);
        Block genesis = Net.Channel.GenesisFor(channelId);
        await orderer.JoinAsync(genesis.Clone());
        return (orderer, genesis);
    }

    /// <summary>Commits the definition of <see cref="TestNetwork.Chaincode"/> (both orgs' peers must endorse) as a
    /// lifecycle commit would; returns the height once every one of <paramref name="peers"/> has committed it, the
    /// first block whose transactions are validated against it.</summary>
    private async Task<ulong> DefineChaincodeAsync(InProcessOrderer orderer, string channelId, params TestPeerHost[] peers)
    {
        Envelope[] definition =
            [ChaincodeDefinitionTransaction.Create(Net.Org1Admin, channelId, TestNetwork.Chaincode, TestNetwork.BothOrgsPolicy, [Net.Org1Peer, Net.Org2Peer]).Build()];
        await orderer.BroadcastAsync(definition);
        ulong height = 0;
        foreach (TestPeerHost peer in peers)
        {
            height = (await WaitForTransactionsAsync(peer, channelId, definition)).Height;
        }

        return height;
    }

    private async Task<TestPeerHost> StartPeerAsync(TestOrg org, SigningIdentity identity, PouchDbServer couchDb, string ordererEndpoints)
    {
        var peer = Own(new TestPeerHost(Path.Combine(shared.Scratch, "peer-" + Guid.NewGuid().ToString("N")[..8]), org, identity, couchDb, ordererEndpoints));
        await peer.StartAsync();
        return peer;
    }

    private async Task JoinAsync(TestPeerHost peer, Block genesis, TestOrg org, SigningIdentity admin)
    {
        CliRun.Outcome joined = await JoinWithCliAsync(peer, genesis, org, admin);
        Assert.True(joined.ExitCode == 0, joined.Stderr);
    }

    private async Task<CliRun.Outcome> JoinWithCliAsync(TestPeerHost peer, Block genesis, TestOrg org, SigningIdentity signer)
    {
        string mspDir = MspDir(org, signer);
        string blockFile = Path.Combine(Path.GetDirectoryName(mspDir)!, "genesis.block");
        await File.WriteAllBytesAsync(blockFile, genesis.ToByteArray());
        return await CliRun.RunAsync("peer", "channel", "join", "--block", blockFile, "--peer", peer.PeerAddress, "--msp-dir", mspDir, "--msp-id", signer.MspId);
    }

    private string MspDir(TestOrg org, SigningIdentity signer) =>
        org.WriteLocalMsp(Path.Combine(shared.Scratch, "cli-" + Guid.NewGuid().ToString("N")[..8], "msp"), signer);

    /// <summary>Transaction i writes k{i}; every third also reads "shared" as absent and writes it, so the first of
    /// those is valid and the others fail MVCC.</summary>
    private Envelope[] Transactions(string channelId, int first, int count) =>
        [.. Enumerable.Range(first, count).Select(i =>
        {
            RwSet results = new RwSet().Write($"k{i}", $"v{i}");
            if (i % 3 == 0)
            {
                results.Read("shared", null).Write("shared", $"from {i}");
            }

            return new EndorsedTransaction(Net.Org1Client, results.Build()) { ChannelId = channelId, Endorsers = [Net.Org1Peer, Net.Org2Peer] }.Build();
        })];

    private static async Task<PeerChannel> WaitForTransactionsAsync(TestPeerHost peer, string channelId, Envelope[] sent)
    {
        string[] txIds = [.. sent.Select(TxId)];
        using var cts = new CancellationTokenSource(Settle);
        while (true)
        {
            if (peer.Channels.Get(channelId) is { } channel && txIds.All(id => channel.Blocks.TryGetTxLocation(id, out _)))
            {
                // The block store takes a block before its state: wait for the savepoint to reach it too.
                Fabricish.Ledger.State.Height? savepoint = await TrySavepointAsync(channel);
                if (savepoint?.BlockNum + 1 == channel.Height)
                {
                    return channel;
                }
            }

            Assert.False(cts.IsCancellationRequested, $"channel {channelId} did not commit all {txIds.Length} transactions within {Settle}");
            await Task.Delay(100);
        }
    }

    private static async Task<Fabricish.Ledger.State.Height?> TrySavepointAsync(PeerChannel channel)
    {
        try
        {
            return await channel.State.GetLatestSavepointAsync();
        }
        catch (Fabricish.Ledger.State.StateDatabaseUnavailableException)
        {
            return null;
        }
    }

    private static string TxId(Envelope envelope) =>
        ChannelHeader.Parser.ParseFrom(Payload.Parser.ParseFrom(envelope.Payload).Header.ChannelHeader).TxId;

    private static IEnumerable<TxValidationCode> TransactionsFilterOf(Block block) =>
        block.Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter].Span.ToArray().Select(b => (TxValidationCode)b);

    /// <summary>Block 1 chained to <paramref name="genesis"/>, well formed, but signed by <paramref name="signer"/>
    /// instead of an orderer.</summary>
    private static Block ForgedBlock(Block genesis, SigningIdentity signer, Envelope[] envelopes)
    {
        var data = new BlockData();
        data.Data.AddRange(envelopes.Select(e => e.ToByteString()));
        var header = new BlockHeader
        {
            Number = 1,
            PreviousHash = ByteString.CopyFrom(BlockHashing.HeaderHash(genesis.Header)),
            DataHash = ByteString.CopyFrom(BlockHashing.DataHash(data)),
        };
        ByteString value = new OrdererBlockMetadata { LastConfig = new LastConfig { Index = 0 } }.ToByteString();
        ByteString signatureHeader = new SignatureHeader { Creator = ByteString.CopyFrom(signer.Serialize()), Nonce = ByteString.CopyFrom(new byte[24]) }.ToByteString();
        var signatures = new Metadata { Value = value };
        signatures.Signatures.Add(new MetadataSignature
        {
            SignatureHeader = signatureHeader,
            Signature = ByteString.CopyFrom(signer.Sign(BlockSignatureVerifier.SignedBytes(value.Span, signatureHeader.Span, header))),
        });
        var block = new Block { Header = header, Data = data, Metadata = new BlockMetadata() };
        block.Metadata.Metadata.Add(signatures.ToByteString());
        for (int i = 1; i < 5; i++)
        {
            block.Metadata.Metadata.Add(ByteString.Empty);
        }

        return block;
    }

    private T Own<T>(T disposable)
        where T : IAsyncDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    private static class PolicyNames
    {
        public const string BlockValidation = Fabricish.Channels.Policies.PolicyManager.BlockValidation;
    }
}
