using System.Security.Cryptography;
using System.Text;

namespace Fabricish.Ledger.Tests;

/// <summary>Fabric-shaped tx ids are indexed in a compact binary form and others as strings; lookups must
/// behave exactly as if every id were kept as its string.</summary>
public class BlockStoreTxIdFormsTests
{
    private static readonly string FabricId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("nonce+creator")));
    private static readonly string OtherFabricId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("other")));

    [Fact]
    public void Lowercase_hex_id_and_its_uppercase_spelling_are_different_ids()
    {
        using var dir = new StoreDirectory();
        var chain = new TxIdChain();
        using var store = BlockStore.Open(dir.Path);
        Assert.True(store.Append(chain.Next(FabricId, OtherFabricId.ToUpperInvariant())).Accepted);

        Assert.True(store.TryGetTxLocation(FabricId, out var lower));
        Assert.Equal(new TxLocation(0, 0), lower);
        Assert.False(store.TryGetTxLocation(FabricId.ToUpperInvariant(), out _));
        Assert.True(store.TryGetTxLocation(OtherFabricId.ToUpperInvariant(), out var upper));
        Assert.Equal(new TxLocation(0, 1), upper);
        Assert.False(store.TryGetTxLocation(OtherFabricId, out _));
    }

    [Fact]
    public void Ids_that_are_almost_fabric_shaped_are_indexed_as_strings()
    {
        using var dir = new StoreDirectory();
        var chain = new TxIdChain();
        string shorter = FabricId[..63];
        string longer = FabricId + "0";
        string nonHex = FabricId[..63] + "g";
        using var store = BlockStore.Open(dir.Path);
        Assert.True(store.Append(chain.Next(shorter, longer, nonHex)).Accepted);

        Assert.True(store.TryGetTxLocation(shorter, out var a));
        Assert.True(store.TryGetTxLocation(longer, out var b));
        Assert.True(store.TryGetTxLocation(nonHex, out var c));
        Assert.Equal([0, 1, 2], new[] { a.TxIndex, b.TxIndex, c.TxIndex });
        Assert.False(store.TryGetTxLocation(FabricId, out _));
    }

    [Fact]
    public void Fabric_shaped_duplicate_keeps_its_first_location_across_reopen()
    {
        using var dir = new StoreDirectory();
        var chain = new TxIdChain();
        using (var store = BlockStore.Open(dir.Path))
        {
            Assert.True(store.Append(chain.Next("tx-a", FabricId)).Accepted);
            Assert.True(store.Append(chain.Next(FabricId)).Accepted);
            Assert.True(store.TryGetTxLocation(FabricId, out var location));
            Assert.Equal(new TxLocation(0, 1), location);
        }

        using var reopened = BlockStore.Open(dir.Path);
        Assert.True(reopened.TryGetTxLocation(FabricId, out var reloaded));
        Assert.Equal(new TxLocation(0, 1), reloaded);
        Assert.False(reopened.TryGetTxLocation(OtherFabricId, out _));
    }
}
