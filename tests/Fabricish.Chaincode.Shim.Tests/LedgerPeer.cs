using System.Text.Json;
using Fabricish.Protos.Ledger.Queryresult;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using MessageType = Fabricish.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Fabricish.Chaincode.Shim.Tests;

/// <summary>A fake peer with an in-memory world state: answers the stub protocol until the transaction ends.
/// Rich queries understand only equality selectors, enough for the samples' queries.</summary>
internal sealed class LedgerPeer
{
    private readonly FakePeer _peer;
    private int _transactions;

    public LedgerPeer(FakePeer peer)
    {
        _peer = peer;
    }

    public SortedDictionary<string, byte[]> State { get; } = new(StringComparer.Ordinal);

    public List<string> Queries { get; } = [];

    public async Task<Response> InvokeAsync(params string[] args)
    {
        string txId = "tx" + ++_transactions;
        await _peer.StartAsync(txId, args);
        while (true)
        {
            ChaincodeMessage message = await _peer.ReceiveAsync();
            Assert.Equal((txId, FakePeer.Channel), (message.Txid, message.ChannelId));
            switch (message.Type)
            {
                case MessageType.Completed:
                    return Response.Parser.ParseFrom(message.Payload);
                case MessageType.GetState:
                    string key = GetState.Parser.ParseFrom(message.Payload).Key;
                    await _peer.RespondAsync(txId, State.TryGetValue(key, out byte[]? value) ? ByteString.CopyFrom(value) : ByteString.Empty);
                    break;
                case MessageType.PutState:
                    PutState put = PutState.Parser.ParseFrom(message.Payload);
                    State[put.Key] = put.Value.ToByteArray();
                    await _peer.RespondAsync(txId, ByteString.Empty);
                    break;
                case MessageType.DelState:
                    State.Remove(DelState.Parser.ParseFrom(message.Payload).Key);
                    await _peer.RespondAsync(txId, ByteString.Empty);
                    break;
                case MessageType.GetStateByRange:
                    GetStateByRange range = GetStateByRange.Parser.ParseFrom(message.Payload);
                    await _peer.RespondAsync(txId, Results(State.Where(kv =>
                        string.CompareOrdinal(kv.Key, range.StartKey) >= 0 && (range.EndKey.Length == 0 || string.CompareOrdinal(kv.Key, range.EndKey) < 0))));
                    break;
                case MessageType.GetQueryResult:
                    string query = GetQueryResult.Parser.ParseFrom(message.Payload).Query;
                    Queries.Add(query);
                    await _peer.RespondAsync(txId, Results(State.Where(kv => Matches(query, kv.Value))));
                    break;
                case MessageType.QueryStateClose:
                    await _peer.RespondAsync(txId, new QueryResponse());
                    break;
                default:
                    throw new InvalidOperationException($"the fake ledger cannot serve {message.Type}: {message.Payload.ToStringUtf8()}");
            }
        }
    }

    private static QueryResponse Results(IEnumerable<KeyValuePair<string, byte[]>> records)
    {
        var response = new QueryResponse { Id = "it", HasMore = false };
        response.Results.AddRange(records.Select(r => new QueryResultBytes
        {
            ResultBytes = new KV { Namespace = "basic", Key = r.Key, Value = ByteString.CopyFrom(r.Value) }.ToByteString(),
        }));
        return response;
    }

    private static bool Matches(string query, byte[] document)
    {
        using JsonDocument selector = JsonDocument.Parse(query);
        using JsonDocument value = JsonDocument.Parse(document);
        return selector.RootElement.GetProperty("selector").EnumerateObject().All(condition =>
            value.RootElement.TryGetProperty(condition.Name, out JsonElement actual) && actual.GetRawText() == condition.Value.GetRawText());
    }
}
