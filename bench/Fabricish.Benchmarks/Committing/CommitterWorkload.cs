using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Fabricish.Benchmarks.Network;
using Fabricish.Ledger.State;
using Fabricish.Protos.Common;
using Fabricish.Testing;
using Fabricish.Testing.Transactions;
using Google.Protobuf;

namespace Fabricish.Benchmarks.Committing;

/// <summary>The pre-built blocks every run commits: warm-up blocks, then measured ones, each transaction reading one
/// asset at its seeded version and writing it back, every asset touched once (no MVCC conflicts, as with a
/// low-contention workload). The assets are seeded straight into the state database before the blocks. A long run
/// (<see cref="Streamed"/>) builds its measured blocks while it commits them instead of holding them all, so the
/// process's memory is the committer's, not the workload's.</summary>
internal sealed class CommitterWorkload
{
    public const string Chaincode = "basic";

    /// <summary>The version the seeded assets carry, which every transaction's read names.</summary>
    public static readonly Height SeedVersion = new(0, 0);

    /// <summary>Measured blocks above this many are built while the run commits them.</summary>
    public const int MaxPrebuiltBlocks = 1000;

    private const int StreamedBlocksAhead = 16;

    private readonly Func<int, Envelope> _transaction;
    private readonly TestChain _chainAfterBlocks;

    private CommitterWorkload(
        Block genesis, Block[] blocks, int warmupBlocks, int measuredBlocks, int transactionsPerBlock, int envelopeBytes, int signedPayloadBytes,
        Func<int, Envelope> transaction, TestChain chainAfterBlocks)
    {
        Genesis = genesis;
        Blocks = blocks;
        WarmupBlocks = warmupBlocks;
        MeasuredBlocks = measuredBlocks;
        TransactionsPerBlock = transactionsPerBlock;
        EnvelopeBytes = envelopeBytes;
        SignedPayloadBytes = signedPayloadBytes;
        _transaction = transaction;
        _chainAfterBlocks = chainAfterBlocks;
    }

    public Block Genesis { get; }

    /// <summary>Warm-up blocks first (numbers 1..<see cref="WarmupBlocks"/>), then the measured ones unless
    /// <see cref="Streamed"/>.</summary>
    public IReadOnlyList<Block> Blocks { get; }

    public int WarmupBlocks { get; }

    public int MeasuredBlocks { get; }

    /// <summary>The measured blocks come from <see cref="StreamMeasuredAsync"/>, built during the run.</summary>
    public bool Streamed => Blocks.Count == WarmupBlocks && MeasuredBlocks > 0;

    public int TransactionsPerBlock { get; }

    public int Assets => (WarmupBlocks + MeasuredBlocks) * TransactionsPerBlock;

    public int EnvelopeBytes { get; }

    /// <summary>Size of the envelope payload the client signs, the largest of the three signed messages, for the
    /// verify-rate probe (hashing it is a small part of a verify).</summary>
    public int SignedPayloadBytes { get; }

    public static CommitterWorkload Build(TestNetwork network, int warmupBlocks, int measuredBlocks, int transactionsPerBlock)
    {
        ArgumentNullException.ThrowIfNull(network);
        Func<int, Envelope> transaction = i => Transaction(network, i);
        int prebuilt = warmupBlocks + (measuredBlocks > MaxPrebuiltBlocks ? 0 : measuredBlocks);
        TestChain chain = network.NewChain();
        Block[] blocks = [.. Enumerable.Range(0, prebuilt).Select(b => Cut(chain, transaction, b, transactionsPerBlock))];
        Envelope first = blocks.Length > 0 ? Envelope.Parser.ParseFrom(blocks[0].Data.Data[0]) : transaction(0);
        return new CommitterWorkload(
            chain.Genesis, blocks, warmupBlocks, measuredBlocks, transactionsPerBlock, first.CalculateSize(), first.Payload.Length, transaction, chain);
    }

    /// <summary>The measured blocks of a <see cref="Streamed"/> workload, built a few blocks ahead of the committer.</summary>
    public async IAsyncEnumerable<Block> StreamMeasuredAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var ahead = Channel.CreateBounded<Block>(new BoundedChannelOptions(StreamedBlocksAhead) { SingleReader = true, SingleWriter = true });
        TestChain chain = _chainAfterBlocks.Fork();
        Task producer = Task.Run(
            async () =>
            {
                try
                {
                    for (int b = WarmupBlocks; b < WarmupBlocks + MeasuredBlocks; b++)
                    {
                        await ahead.Writer.WriteAsync(Cut(chain, _transaction, b, TransactionsPerBlock), cancellationToken).ConfigureAwait(false);
                    }

                    ahead.Writer.Complete();
                }
                catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
                {
                    ahead.Writer.TryComplete(e);
                }
            },
            cancellationToken);
        await foreach (Block block in ahead.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return block;
        }

        await producer.ConfigureAwait(false);
    }

    // Three signatures per transaction: spread them over the cores, the order of the keys is fixed anyway.
    private static Block Cut(TestChain chain, Func<int, Envelope> transaction, int block, int transactionsPerBlock)
    {
        var envelopes = new Envelope[transactionsPerBlock];
        Parallel.For(0, transactionsPerBlock, t => envelopes[t] = transaction((block * transactionsPerBlock) + t));
        return chain.Cut(envelopes);
    }

    /// <summary>Transaction <paramref name="i"/>: Org1's client transfers asset i, read at its seeded version, endorsed
    /// by both orgs' peers.</summary>
    private static Envelope Transaction(TestNetwork network, int i) =>
        new EndorsedTransaction(network.Org1Client, new RwSet(Chaincode).Read(Key(i), SeedVersion).Write(Key(i), Value(i, "owner" + i.ToString(CultureInfo.InvariantCulture))).Build())
        {
            ChannelId = network.Config.ChannelId,
            Chaincode = Chaincode,
            Function = "TransferAsset",
            Endorsers = [network.Org1Peer, network.Org2Peer],
        }.Build();

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
