using System.Text;
using Fabricish.Protos.Ledger.Queryresult;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using MessageType = Fabricish.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Fabricish.Chaincode.Shim.Tests;

public sealed class HandlerProtocolTests
{
    [Fact]
    public async Task Connect_RegistersWithPackageIdAndAcceptsTransactionsOnlyAfterReady()
    {
        await using ChaincodeServer server = await TestServers.StartAsync(new DelegateChaincode(_ => Task.FromResult(Shim.Success("ok"))));
        await using FakePeer peer = FakePeer.Connect(server);

        ChaincodeMessage register = await peer.ExpectAsync(MessageType.Register);
        Assert.Equal(TestServers.ChaincodeId, ChaincodeID.Parser.ParseFrom(register.Payload).Name);

        // Before REGISTERED/READY a transaction is refused, not run.
        await peer.StartAsync("early", "f");
        ChaincodeMessage refused = await peer.ExpectAsync(MessageType.Error, "early");
        Assert.Contains("Created", refused.Payload.ToStringUtf8(), StringComparison.Ordinal);

        await peer.SendAsync(new ChaincodeMessage { Type = MessageType.Registered });
        await peer.SendAsync(new ChaincodeMessage { Type = MessageType.Ready });
        await peer.StartAsync("tx1", "f");
        Assert.Equal("ok", (await peer.ExpectCompletedAsync("tx1")).Payload.ToStringUtf8());
    }

    [Fact]
    public async Task Keepalive_IsEchoedBack()
    {
        await using ChaincodeServer server = await TestServers.StartAsync(new DelegateChaincode(_ => Task.FromResult(Shim.Success())));
        await using FakePeer peer = FakePeer.Connect(server);
        await peer.HandshakeAsync();

        await peer.SendAsync(new ChaincodeMessage { Type = MessageType.Keepalive, Txid = "ka" });

        Assert.Equal("ka", (await peer.ExpectAsync(MessageType.Keepalive)).Txid);
    }

    [Fact]
    public async Task Transaction_GetStateAnsweredByPeer_ThenPutState_CompletesWithPayload()
    {
        var chaincode = new DelegateChaincode(async stub =>
        {
            byte[] value = await stub.GetStateAsync("counter");
            int next = int.Parse(Encoding.UTF8.GetString(value), System.Globalization.CultureInfo.InvariantCulture) + 1;
            await stub.PutStateAsync("counter", Encoding.UTF8.GetBytes(next.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return Shim.Success($"now {next}");
        });
        await using ChaincodeServer server = await TestServers.StartAsync(chaincode);
        await using FakePeer peer = FakePeer.Connect(server);
        await peer.HandshakeAsync();

        await peer.StartAsync("tx1", "increment");
        ChaincodeMessage get = await peer.ExpectAsync(MessageType.GetState, "tx1");
        Assert.Equal("counter", GetState.Parser.ParseFrom(get.Payload).Key);
        await peer.RespondAsync("tx1", ByteString.CopyFromUtf8("41"));

        ChaincodeMessage put = await peer.ExpectAsync(MessageType.PutState, "tx1");
        PutState written = PutState.Parser.ParseFrom(put.Payload);
        Assert.Equal(("counter", "42"), (written.Key, written.Value.ToStringUtf8()));
        await peer.RespondAsync("tx1", ByteString.Empty);

        Response response = await peer.ExpectCompletedAsync("tx1");
        Assert.Equal((Shim.StatusOk, "now 42"), (response.Status, response.Payload.ToStringUtf8()));
    }

    [Fact]
    public async Task RangeIteration_FetchesFurtherPagesWithQueryStateNext_AndClosesTheIterator()
    {
        var chaincode = new DelegateChaincode(async stub =>
        {
            var keys = new List<string>();
            await using (IQueryIterator<KV> range = await stub.GetStateByRangeAsync("a", "z"))
            {
                await foreach (KV kv in range)
                {
                    keys.Add($"{kv.Key}={kv.Value.ToStringUtf8()}");
                }
            }

            return Shim.Success(string.Join(",", keys));
        });
        await using ChaincodeServer server = await TestServers.StartAsync(chaincode);
        await using FakePeer peer = FakePeer.Connect(server);
        await peer.HandshakeAsync();

        await peer.StartAsync("tx1", "scan");
        GetStateByRange range = GetStateByRange.Parser.ParseFrom((await peer.ExpectAsync(MessageType.GetStateByRange, "tx1")).Payload);
        Assert.Equal(("a", "z"), (range.StartKey, range.EndKey));
        await peer.RespondAsync("tx1", Page("iter-1", hasMore: true, ("a1", "1"), ("a2", "2")));

        QueryStateNext next = QueryStateNext.Parser.ParseFrom((await peer.ExpectAsync(MessageType.QueryStateNext, "tx1")).Payload);
        Assert.Equal("iter-1", next.Id);
        await peer.RespondAsync("tx1", Page("iter-1", hasMore: false, ("b1", "3")));

        QueryStateClose close = QueryStateClose.Parser.ParseFrom((await peer.ExpectAsync(MessageType.QueryStateClose, "tx1")).Payload);
        Assert.Equal("iter-1", close.Id);
        await peer.RespondAsync("tx1", new QueryResponse { Id = "iter-1" });

        Assert.Equal("a1=1,a2=2,b1=3", (await peer.ExpectCompletedAsync("tx1")).Payload.ToStringUtf8());
    }

    [Fact]
    public async Task PaginatedRange_SendsPageSizeAndBookmark_AndReturnsResponseMetadata()
    {
        var chaincode = new DelegateChaincode(async stub =>
        {
            (IQueryIterator<KV> page, QueryResponseMetadata metadata) = await stub.GetStateByRangeWithPaginationAsync("", "", 2, "k5");
            await page.CloseAsync();
            return Shim.Success($"{metadata.FetchedRecordsCount}:{metadata.Bookmark}");
        });
        await using ChaincodeServer server = await TestServers.StartAsync(chaincode);
        await using FakePeer peer = FakePeer.Connect(server);
        await peer.HandshakeAsync();

        await peer.StartAsync("tx1", "page");
        GetStateByRange request = GetStateByRange.Parser.ParseFrom((await peer.ExpectAsync(MessageType.GetStateByRange, "tx1")).Payload);
        QueryMetadata asked = QueryMetadata.Parser.ParseFrom(request.Metadata);
        Assert.Equal(("\u0001", 2, "k5"), (request.StartKey, asked.PageSize, asked.Bookmark));
        QueryResponse page = Page("p", hasMore: false, ("k5", "5"), ("k6", "6"));
        page.Metadata = new QueryResponseMetadata { FetchedRecordsCount = 2, Bookmark = "k7" }.ToByteString();
        await peer.RespondAsync("tx1", page);
        await peer.ExpectAsync(MessageType.QueryStateClose, "tx1");
        await peer.RespondAsync("tx1", new QueryResponse());

        Assert.Equal("2:k7", (await peer.ExpectCompletedAsync("tx1")).Payload.ToStringUtf8());
    }

    [Fact]
    public async Task ConcurrentTransactions_WithInterleavedRequests_GetTheirOwnResponses()
    {
        var chaincode = new DelegateChaincode(async stub =>
        {
            string key = stub.GetStringArgs()[1];
            byte[] first = await stub.GetStateAsync(key);
            byte[] second = await stub.GetStateAsync(key + "-again");
            return Shim.Success($"{stub.GetTxId()}:{Encoding.UTF8.GetString(first)}+{Encoding.UTF8.GetString(second)}");
        });
        await using ChaincodeServer server = await TestServers.StartAsync(chaincode);
        await using FakePeer peer = FakePeer.Connect(server);
        await peer.HandshakeAsync();

        await peer.StartAsync("txA", "read", "a");
        await peer.StartAsync("txB", "read", "b");
        var pending = new Dictionary<string, string>();
        for (int i = 0; i < 2; i++)
        {
            ChaincodeMessage request = await peer.ExpectAsync(MessageType.GetState);
            pending[request.Txid] = GetState.Parser.ParseFrom(request.Payload).Key;
        }

        // Both transactions are now blocked on the peer; answer B first, then A.
        Assert.Equal(("a", "b"), (pending["txA"], pending["txB"]));
        await peer.RespondAsync("txB", ByteString.CopyFromUtf8("B1"));
        await peer.RespondAsync("txA", ByteString.CopyFromUtf8("A1"));
        var outcomes = new Dictionary<string, string>();
        while (outcomes.Count < 2)
        {
            ChaincodeMessage message = await peer.ReceiveAsync();
            if (message.Type == MessageType.GetState)
            {
                Assert.Equal(message.Txid == "txA" ? "a-again" : "b-again", GetState.Parser.ParseFrom(message.Payload).Key);
                await peer.RespondAsync(message.Txid, ByteString.CopyFromUtf8(message.Txid == "txA" ? "A2" : "B2"));
            }
            else
            {
                Assert.Equal(MessageType.Completed, message.Type);
                outcomes[message.Txid] = Response.Parser.ParseFrom(message.Payload).Payload.ToStringUtf8();
            }
        }

        Assert.Equal("txA:A1+A2", outcomes["txA"]);
        Assert.Equal("txB:B1+B2", outcomes["txB"]);
    }

    [Fact]
    public async Task PeerErrorToAStubCall_ReachesTheChaincodeAsException()
    {
        var chaincode = new DelegateChaincode(async stub =>
        {
            try
            {
                await stub.GetStateAsync("k");
                return Shim.Success();
            }
            catch (ChaincodeStubException ex)
            {
                return Shim.Error("peer said: " + ex.Message);
            }
        });
        await using ChaincodeServer server = await TestServers.StartAsync(chaincode);
        await using FakePeer peer = FakePeer.Connect(server);
        await peer.HandshakeAsync();

        await peer.StartAsync("tx1", "f");
        await peer.ExpectAsync(MessageType.GetState, "tx1");
        await peer.SendAsync(new ChaincodeMessage { Type = MessageType.Error, Txid = "tx1", ChannelId = FakePeer.Channel, Payload = ByteString.CopyFromUtf8("no ledger") });

        Response response = await peer.ExpectCompletedAsync("tx1");
        Assert.Equal((Shim.StatusError, "peer said: no ledger"), (response.Status, response.Message));
    }

    [Fact]
    public async Task ChaincodeException_FailsOnlyItsTransactionWithError()
    {
        var chaincode = new DelegateChaincode(stub => stub.GetStringArgs()[0] == "boom"
            ? throw new InvalidOperationException("kaboom")
            : Task.FromResult(Shim.Success("fine")));
        await using ChaincodeServer server = await TestServers.StartAsync(chaincode);
        await using FakePeer peer = FakePeer.Connect(server);
        await peer.HandshakeAsync();

        await peer.StartAsync("tx1", "boom");
        Assert.Equal("kaboom", (await peer.ExpectAsync(MessageType.Error, "tx1")).Payload.ToStringUtf8());
        await peer.StartAsync("tx2", "ok");
        Assert.Equal("fine", (await peer.ExpectCompletedAsync("tx2")).Payload.ToStringUtf8());
    }

    [Fact]
    public async Task UnexpectedMessageTypes_AreAnsweredWithError_AndTheStreamStaysUsable()
    {
        await using ChaincodeServer server = await TestServers.StartAsync(new DelegateChaincode(_ => Task.FromResult(Shim.Success("alive"))));
        await using FakePeer peer = FakePeer.Connect(server);
        await peer.HandshakeAsync();

        await peer.SendAsync(new ChaincodeMessage { Type = MessageType.GetStateMetadata, Txid = "odd", ChannelId = FakePeer.Channel });
        Assert.Contains("GetStateMetadata", (await peer.ExpectAsync(MessageType.Error, "odd")).Payload.ToStringUtf8(), StringComparison.Ordinal);
        await peer.SendAsync(new ChaincodeMessage { Type = MessageType.Response, Txid = "nobody-waits", ChannelId = FakePeer.Channel });
        Assert.Contains("responseChannel does not exist", (await peer.ExpectAsync(MessageType.Error, "nobody-waits")).Payload.ToStringUtf8(), StringComparison.Ordinal);

        await peer.StartAsync("tx1", "f");
        Assert.Equal("alive", (await peer.ExpectCompletedAsync("tx1")).Payload.ToStringUtf8());
    }

    [Fact]
    public async Task SameTxIdWhileRunning_IsRefusedAsDuplicate()
    {
        var chaincode = new DelegateChaincode(async stub =>
        {
            await stub.GetStateAsync("k");
            return Shim.Success("first");
        });
        await using ChaincodeServer server = await TestServers.StartAsync(chaincode);
        await using FakePeer peer = FakePeer.Connect(server);
        await peer.HandshakeAsync();

        await peer.StartAsync("tx1", "f");
        await peer.ExpectAsync(MessageType.GetState, "tx1");
        await peer.StartAsync("tx1", "f");
        Assert.Contains("duplicate", (await peer.ExpectAsync(MessageType.Error, "tx1")).Payload.ToStringUtf8(), StringComparison.Ordinal);
        await peer.RespondAsync("tx1", ByteString.Empty);
        Assert.Equal("first", (await peer.ExpectCompletedAsync("tx1")).Payload.ToStringUtf8());
    }

    [Fact]
    public async Task InitMessage_RunsInit_AndSetEventTravelsOnCompleted()
    {
        var chaincode = new DelegateChaincode(
            _ => Task.FromResult(Shim.Success("invoke")),
            init: stub =>
            {
                stub.SetEvent("Initialised", [1, 2, 3]);
                return Task.FromResult(Shim.Success("init ran"));
            });
        await using ChaincodeServer server = await TestServers.StartAsync(chaincode);
        await using FakePeer peer = FakePeer.Connect(server);
        await peer.HandshakeAsync();

        await peer.StartAsync("tx1", MessageType.Init, null, "init");
        ChaincodeMessage completed = await peer.ExpectAsync(MessageType.Completed, "tx1");

        Assert.Equal("init ran", Response.Parser.ParseFrom(completed.Payload).Payload.ToStringUtf8());
        Assert.Equal("Initialised", completed.ChaincodeEvent.EventName);
        Assert.Equal(new byte[] { 1, 2, 3 }, completed.ChaincodeEvent.Payload.ToByteArray());
    }

    [Fact]
    public async Task InvokeChaincode_SendsSpecWithChannelQualifiedName_AndUnwrapsCalleeResponse()
    {
        var chaincode = new DelegateChaincode(async stub =>
        {
            Response callee = await stub.InvokeChaincodeAsync("other", [Encoding.UTF8.GetBytes("get")], "otherchannel");
            return Shim.Success($"{callee.Status}:{callee.Payload.ToStringUtf8()}");
        });
        await using ChaincodeServer server = await TestServers.StartAsync(chaincode);
        await using FakePeer peer = FakePeer.Connect(server);
        await peer.HandshakeAsync();

        await peer.StartAsync("tx1", "call");
        ChaincodeSpec spec = ChaincodeSpec.Parser.ParseFrom((await peer.ExpectAsync(MessageType.InvokeChaincode, "tx1")).Payload);
        Assert.Equal(("other/otherchannel", "get"), (spec.ChaincodeId.Name, spec.Input.Args[0].ToStringUtf8()));
        var calleeCompleted = new ChaincodeMessage { Type = MessageType.Completed, Payload = Shim.Success("42").ToByteString() };
        await peer.RespondAsync("tx1", calleeCompleted);

        Assert.Equal("200:42", (await peer.ExpectCompletedAsync("tx1")).Payload.ToStringUtf8());
    }

    private static QueryResponse Page(string id, bool hasMore, params (string Key, string Value)[] records)
    {
        var page = new QueryResponse { Id = id, HasMore = hasMore };
        page.Results.AddRange(records.Select(r => new QueryResultBytes
        {
            ResultBytes = new KV { Namespace = "cc", Key = r.Key, Value = ByteString.CopyFromUtf8(r.Value) }.ToByteString(),
        }));
        return page;
    }
}
