using System.Globalization;
using System.Text;
using Fabricish.Benchmarks.Network;
using Fabricish.Ledger.State;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Benchmarks.Committing;

/// <summary>The pre-built blocks every run commits: warm-up blocks, then measured ones, each transaction reading one
/// asset at its seeded version and writing it back, every asset touched once (no MVCC conflicts, as with a
/// low-contention workload). The assets are seeded straight into the state database before the blocks.</summary>
internal sealed class CommitterWorkload
{
    public const string Chaincode = "basic";

    /// <summary>The version the seeded assets carry, which every transaction's read names.</summary>
    public static readonly Height SeedVersion = new(0, 0);

    private CommitterWorkload(Block genesis, Block[] blocks, int warmupBlocks, int transactionsPerBlock, int envelopeBytes, int signedPayloadBytes)
    {
        Genesis = genesis;
        Blocks = blocks;
        WarmupBlocks = warmupBlocks;
        TransactionsPerBlock = transactionsPerBlock;
        EnvelopeBytes = envelopeBytes;
        SignedPayloadBytes = signedPayloadBytes;
    }

    public Block Genesis { get; }

    /// <summary>Warm-up blocks first (numbers 1..<see cref="WarmupBlocks"/>), then the measured ones.</summary>
    public IReadOnlyList<Block> Blocks { get; }

    public int WarmupBlocks { get; }

    public int TransactionsPerBlock { get; }

    public int Assets => Blocks.Count * TransactionsPerBlock;

    public int EnvelopeBytes { get; }

    /// <summary>Size of the envelope payload the client signs, the largest of the three signed messages, for the
    /// verify-rate probe (hashing it is a small part of a verify).</summary>
    public int SignedPayloadBytes { get; }

    public static CommitterWorkload Build(BenchNetwork network, int warmupBlocks, int measuredBlocks, int transactionsPerBlock)
    {
        ArgumentNullException.ThrowIfNull(network);
        var transactions = new EndorsedTransactions(network.ChannelId, Chaincode, network.Org1Client, [network.Org1Peer, network.Org2Peer]);
        int total = (warmupBlocks + measuredBlocks) * transactionsPerBlock;
        var envelopes = new Envelope[total];
        (ulong, ulong) read = (SeedVersion.BlockNum, SeedVersion.TxNum);

        // Three signatures per transaction: spread them over the cores, the order of the keys is fixed anyway.
        Parallel.For(0, total, i => envelopes[i] = transactions.ReadWrite(Key(i), read, Value(i, "owner" + i.ToString(CultureInfo.InvariantCulture))));
        var chain = new BenchChain(network.Genesis.Clone());
        var blocks = new Block[warmupBlocks + measuredBlocks];
        for (int b = 0; b < blocks.Length; b++)
        {
            blocks[b] = chain.Cut(envelopes.Skip(b * transactionsPerBlock).Take(transactionsPerBlock));
        }

        int signedPayload = envelopes[0].Payload.Length;
        return new CommitterWorkload(chain.Genesis, blocks, warmupBlocks, transactionsPerBlock, envelopes[0].CalculateSize(), signedPayload);
    }

    /// <summary>The seeded state of assets [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>).</summary>
    public static UpdateBatch SeedBatch(int first, int count)
    {
        var batch = new UpdateBatch();
        for (int i = first; i < first + count; i++)
        {
            batch.Put(Chaincode, Key(i), Value(i, "tom").ToByteArray(), SeedVersion);
        }

        return batch;
    }

    private static string Key(int i) => "asset" + i.ToString(CultureInfo.InvariantCulture);

    private static ByteString Value(int i, string owner) => ByteString.CopyFrom(Encoding.UTF8.GetBytes(
        $$"""{"ID":"{{Key(i)}}","Color":"blue","Size":5,"Owner":"{{owner}}","AppraisedValue":300,"docType":"asset"}"""));
}
