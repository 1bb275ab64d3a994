using Fabricish.Protos.Peer;
using MessageType = Fabricish.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Fabricish.Chaincode.Shim.Tests;

public sealed class CompositeKeyTests
{
    [Fact]
    public void Create_FramesObjectTypeAndEachAttributeWithNullSeparators()
    {
        Assert.Equal("\u0000asset\u0000red\u0000a1\u0000", CompositeKey.Create("asset", ["red", "a1"]));
    }

    [Fact]
    public void Split_ReturnsObjectTypeAndAttributes_OfACreatedKey()
    {
        (string objectType, IReadOnlyList<string> attributes) = CompositeKey.Split(CompositeKey.Create("owner~asset", ["Tom", "", "a1"]));

        Assert.Equal("owner~asset", objectType);
        Assert.Equal(["Tom", "", "a1"], attributes);
    }

    [Theory]
    [InlineData("a\u0000b", "U+0000 starting at position [1]")]
    [InlineData("é\U0010FFFF", "U+10FFFF starting at position [2]")]
    public void Create_RejectsTheReservedCodePoints_NamingTheirUtf8Position(string attribute, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => CompositeKey.Create("asset", [attribute]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_RejectsInvalidUtf16()
    {
        Assert.Throws<ArgumentException>(() => CompositeKey.Create("asset", ["\uD800"]));
    }

    [Fact]
    public void Split_RejectsASimpleKey()
    {
        Assert.Throws<ArgumentException>(() => CompositeKey.Split("asset1"));
    }

    [Fact]
    public async Task PartialCompositeKeyQuery_RangesFromThePartialKeyToItPlusMaxRune()
    {
        var chaincode = new DelegateChaincode(async stub =>
        {
            await using IQueryIterator<Protos.Ledger.Queryresult.KV> results = await stub.GetStateByPartialCompositeKeyAsync("color~name", "blue");
            return Shim.Success(results.HasNext ? "some" : "none");
        });
        await using ChaincodeServer server = await TestServers.StartAsync(chaincode);
        await using FakePeer peer = FakePeer.Connect(server);
        await peer.HandshakeAsync();

        await peer.StartAsync("tx1", "q");
        GetStateByRange range = GetStateByRange.Parser.ParseFrom((await peer.ExpectAsync(MessageType.GetStateByRange, "tx1")).Payload);
        Assert.Equal("\u0000color~name\u0000blue\u0000", range.StartKey);
        Assert.Equal("\u0000color~name\u0000blue\u0000\U0010FFFF", range.EndKey);
        await peer.RespondAsync("tx1", new QueryResponse { Id = "i" });
        await peer.ExpectAsync(MessageType.QueryStateClose, "tx1");
        await peer.RespondAsync("tx1", new QueryResponse());

        Assert.Equal("none", (await peer.ExpectCompletedAsync("tx1")).Payload.ToStringUtf8());
    }

    [Fact]
    public async Task RangeQuery_RefusesAStartKeyThatIsComposite()
    {
        var chaincode = new DelegateChaincode(async stub =>
        {
            try
            {
                await stub.GetStateByRangeAsync("\u0000asset", "");
                return Shim.Success("allowed");
            }
            catch (ArgumentException ex)
            {
                return Shim.Error(ex.Message);
            }
        });
        await using ChaincodeServer server = await TestServers.StartAsync(chaincode);
        await using FakePeer peer = FakePeer.Connect(server);
        await peer.HandshakeAsync();

        await peer.StartAsync("tx1", "q");

        Assert.Contains("null character", (await peer.ExpectCompletedAsync("tx1")).Message, StringComparison.Ordinal);
    }
}
