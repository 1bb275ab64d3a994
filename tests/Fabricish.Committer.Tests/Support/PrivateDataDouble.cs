using Fabricish.Committer.PrivateData;
using Fabricish.Ledger.PrivateData;
using Fabricish.Protos.Ledger.Rwset;

namespace Fabricish.Committer.Tests.Support;

/// <summary>A peer's private data as the committer sees it, without gossip: every collection has the same membership
/// and blockToLive, the transient store holds <see cref="Local"/> (by tx id, or <paramref name="local"/> for any),
/// a pull answers <paramref name="pullable"/>, and the private data store lives in a temporary directory that outlives
/// a committer's restart.</summary>
internal sealed class PrivateDataDouble(bool eligible, TxPvtReadWriteSet? local = null, TxPvtReadWriteSet? pullable = null, ulong blockToLive = 0)
    : IPrivateDataProvider, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pvtdata-").FullName;
    private PvtDataStore? _store;

    public Dictionary<string, TxPvtReadWriteSet> Local { get; } = new(StringComparer.Ordinal);

    public int Asked { get; private set; }

    public int Pulled { get; private set; }

    public List<string> Committed { get; } = [];

    /// <summary>Called where the committer lets the transient store go, before the block is appended: a test kills the
    /// commit there by throwing.</summary>
    public Action<ulong>? OnCommitted { get; set; }

    public PvtDataStore Raw => _store ??= PvtDataStore.Open(_directory);

    public ChannelPvtData Store => new(Raw, "ch");

    /// <summary>Whether this peer's organization is a member of every collection; a test changes it as a new
    /// chaincode definition would.</summary>
    public bool Eligible { get; set; } = eligible;

    public bool IsEligible(string ns, string collection) => Eligible;

    public ulong BlockToLive(string ns, string collection) => blockToLive;

    public TxPvtReadWriteSet? GetLocal(string txId)
    {
        Asked++;
        return Local.TryGetValue(txId, out TxPvtReadWriteSet? set) ? set : local;
    }

    public Task<TxPvtReadWriteSet?> PullAsync(string txId, ulong blockNumber, IReadOnlyList<ExpectedCollection> needed, CancellationToken cancellationToken)
    {
        Pulled++;
        return Task.FromResult(pullable);
    }

    void IPrivateDataProvider.Committed(ulong blockNumber, IReadOnlyList<string> txIds)
    {
        OnCommitted?.Invoke(blockNumber);
        Committed.AddRange(txIds);
    }

    public void Dispose()
    {
        _store?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
