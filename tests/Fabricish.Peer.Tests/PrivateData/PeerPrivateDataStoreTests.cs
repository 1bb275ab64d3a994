using Fabricish.Ledger.PrivateData;
using Fabricish.Peer.Host;
using Fabricish.Peer.PrivateData;
using Fabricish.Protos.Ledger.Rwset;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fabricish.Peer.Tests.PrivateData;

/// <summary>The peer's private data stores in its data folder: the transient store survives a restart of the peer, a
/// committed block's transactions leave it, and older entries leave at Fabric's retention blocks.</summary>
public sealed class PeerPrivateDataStoreTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("fx-peer-pvt-").FullName;

    [Fact]
    public void Private_write_sets_in_the_transient_store_survive_a_peer_restart()
    {
        using (PeerPrivateData first = Create(retention: 1000))
        {
            first.Transient.Persist("ch", "tx1", Set("a"), 4);
        }

        using PeerPrivateData restarted = Create(retention: 1000);
        Assert.Equal(Set("a"), restarted.Transient.Get("ch", "tx1"));
        Assert.True(Directory.Exists(Path.Combine(_dataDir, "transientstore")));
        Assert.True(Directory.Exists(Path.Combine(_dataDir, "ledgersData", "pvtdataStore")));
    }

    [Fact]
    public void A_committed_blocks_transactions_leave_the_transient_store_and_older_entries_leave_at_each_multiple_of_the_retention()
    {
        using PeerPrivateData privateData = Create(retention: 10);
        privateData.Transient.Persist("ch", "committed", Set("a"), 14);
        privateData.Transient.Persist("ch", "stale", Set("b"), 3);
        privateData.Transient.Persist("ch", "recent", Set("c"), 12);
        var channel = privateData.ForChannel("ch");

        channel.Committed(15, ["committed"]);
        Assert.Null(privateData.Transient.Get("ch", "committed"));
        Assert.NotNull(privateData.Transient.Get("ch", "stale"));

        channel.Committed(20, []);
        Assert.Null(privateData.Transient.Get("ch", "stale"));
        Assert.NotNull(privateData.Transient.Get("ch", "recent"));
    }

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    private PeerPrivateData Create(ulong retention) => new(
        new PeerOptions { DataDir = _dataDir, MspId = "Org1MSP", PrivateData = new PeerPrivateDataOptions { TransientStoreMaxBlockRetention = retention } },
        () => throw new InvalidOperationException("not used"),
        () => throw new InvalidOperationException("not used"),
        () => throw new InvalidOperationException("not used"),
        () => throw new InvalidOperationException("not used"),
        NullLogger<PeerPrivateData>.Instance);

    private static TxPvtReadWriteSet Set(string rwset) => new()
    {
        NsPvtRwset = { new NsPvtReadWriteSet { Namespace = "cc", CollectionPvtRwset = { new CollectionPvtReadWriteSet { CollectionName = "coll", Rwset = ByteString.CopyFromUtf8(rwset) } } } },
    };
}
