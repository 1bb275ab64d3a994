using Fabricish.Channels.Blocks;
using Fabricish.Channels.Config;
using Fabricish.Channels.Genesis;
using Fabricish.Channels.Msp;
using Fabricish.Orderer.Blocks;
using Fabricish.Orderer.Kafka;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Testing;
using Fabricish.Testing.Infra;

namespace Fabricish.Orderer.Tests.Kafka;

/// <summary>A Kafka channel of the sample network with its own id (the topic name), batch size and timeout, and the
/// ledger folders of its orderer nodes; plus what the tests read back from those ledgers.</summary>
internal sealed class KafkaTestChannel : IAsyncDisposable
{
    private readonly ScratchDirectory _scratch;
    private readonly Dictionary<int, SigningIdentity> _identities = [];
    private readonly List<KafkaTestNode> _nodes = [];

    public KafkaTestChannel(string channelId, uint maxMessageCount, TimeSpan batchTimeout)
    {
        ChannelId = channelId;
        Network = new TestNetwork(adjust: p => p with
        {
            Orderer = p.Orderer! with { BatchTimeout = batchTimeout, BatchSize = p.Orderer.BatchSize with { MaxMessageCount = maxMessageCount } },
        });
        ConfigResult<Block> genesis = GenesisBlockBuilder.Build(channelId, Network.ChannelGroup);
        Assert.True(genesis.IsOk, genesis.Error);
        Genesis = genesis.Value!;
        _scratch = new ScratchDirectory("kafka-chain");
    }

    public string ChannelId { get; }

    public TestNetwork Network { get; }

    public Block Genesis { get; }

    /// <summary>Opens (or reopens, after a stop) orderer node <paramref name="index"/> and starts its chain.</summary>
    public KafkaTestNode StartNode(int index, KafkaConsenter consenter)
    {
        if (!_identities.TryGetValue(index, out SigningIdentity? identity))
        {
            identity = _identities[index] = Network.Own(Network.OrdererOrg.Identity($"orderer{index}.example.com", NodeRole.Orderer));
        }

        var node = new KafkaTestNode(Path.Combine(_scratch.FullPath, $"orderer{index}"), Genesis, identity, consenter);
        _nodes.Add(node);
        node.Chain.Start();
        return node;
    }

    public Envelope NewEnvelope() => TestEnvelopes.Signed(Network.Org1Client, ChannelId);

    public static string TxId(Envelope envelope) =>
        ChannelHeader.Parser.ParseFrom(Payload.Parser.ParseFrom(envelope.Payload).Header.ChannelHeader).TxId;

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> what)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!condition())
        {
            if (cts.IsCancellationRequested)
            {
                Assert.Fail($"timed out after {timeout}: {what()}");
            }

            await Task.Delay(50);
        }
    }

    public static Task WaitAvailableAsync(IEnumerable<KafkaTestNode> nodes) => WaitUntilAsync(
        () => nodes.All(n => n.Chain.Status.IsAvailable),
        TimeSpan.FromSeconds(60),
        () => string.Join("; ", nodes.Select(n => n.Chain.Status.ToString())));

    /// <summary>Waits until every node's ledger holds every one of <paramref name="txIds"/> and all are equally high.</summary>
    public static Task WaitForAllAsync(IReadOnlyList<KafkaTestNode> nodes, IReadOnlyCollection<string> txIds, TimeSpan timeout) => WaitUntilAsync(
        () => nodes.All(n => StoredTxIds(n).IsSupersetOf(txIds)) && nodes.Select(n => n.Store.Height).Distinct().Count() == 1,
        timeout,
        () => string.Join("; ", nodes.Select(n => $"height {n.Store.Height}, {txIds.Count(StoredTxIds(n).Contains)}/{txIds.Count} txs, {n.Chain.Status}")));

    /// <summary>Every tx id in the node's ledger, found by reading its blocks: orderer ledgers, like Fabric's, keep
    /// no tx id index.</summary>
    public static HashSet<string> StoredTxIds(KafkaTestNode node) => [.. Blocks(node).SelectMany(TxIds)];

    public static List<string> HeaderHashes(KafkaTestNode node) =>
        [.. Blocks(node).Select(b => Convert.ToHexString(BlockHashing.HeaderHash(b.Header)))];

    public static IEnumerable<Block> Blocks(KafkaTestNode node)
    {
        for (ulong n = 0; n < node.Store.Height; n++)
        {
            yield return node.Store.GetBlock(n)!;
        }
    }

    public static List<string> TxIds(Block block) =>
        [.. block.Data.Data.Select(d => TxId(Envelope.Parser.ParseFrom(d)))];

    public static KafkaMetadata KafkaMetadataOf(Block block) => KafkaMetadata.Parser.ParseFrom(BlockMetadataReader.ConsenterMetadata(block));

    public async ValueTask DisposeAsync()
    {
        foreach (KafkaTestNode node in _nodes)
        {
            await node.StopAsync();
        }

        Network.Dispose();
        _scratch.Dispose();
    }
}
