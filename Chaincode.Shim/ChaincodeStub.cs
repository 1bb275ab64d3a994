using System.Text;
using Fabricish.Protos.Ledger.Queryresult;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using MessageType = Fabricish.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Fabricish.Chaincode.Shim;

/// <summary>The stub of one transaction: arguments and proposal decoded up front, ledger access forwarded to the
/// peer over the handler's stream under this transaction's channel and txid.</summary>
internal sealed partial class ChaincodeStub : IChaincodeStub
{
    // Fabric substitutes an empty range start with U+0001 so that composite keys (U+0000...) stay out of it.
    private const string EmptyKeySubstitute = "\u0001";

    private readonly Handler _handler;
    private readonly string _channelId;
    private readonly string _txId;
    private readonly IReadOnlyList<byte[]> _args;
    private readonly IReadOnlyDictionary<string, byte[]> _decorations;
    private readonly SignedProposal? _signedProposal;
    private readonly ProposalContext _proposal;

    public ChaincodeStub(Handler handler, string channelId, string txId, ChaincodeInput input, SignedProposal? signedProposal)
    {
        _handler = handler;
        _channelId = channelId;
        _txId = txId;
        _args = [.. input.Args.Select(a => a.ToByteArray())];
        _decorations = input.Decorations.ToDictionary(d => d.Key, d => d.Value.ToByteArray());
        _signedProposal = signedProposal;
        _proposal = ProposalContext.Decode(signedProposal);
    }

    /// <summary>The event to carry on COMPLETED; the peer fills in chaincode and transaction ids.</summary>
    public ChaincodeEvent? ChaincodeEvent { get; private set; }

    public IReadOnlyList<byte[]> GetArgs() => _args;

    public IReadOnlyList<string> GetStringArgs() => [.. _args.Select(a => Encoding.UTF8.GetString(a))];

    public (string Function, IReadOnlyList<string> Parameters) GetFunctionAndParameters()
    {
        IReadOnlyList<string> all = GetStringArgs();
        return all.Count == 0 ? (string.Empty, []) : (all[0], [.. all.Skip(1)]);
    }

    public string GetTxId() => _txId;

    public string GetChannelId() => _channelId;

    public byte[] GetCreator() => _proposal.Creator;

    public IReadOnlyDictionary<string, byte[]> GetTransient() => _proposal.Transient;

    public DateTimeOffset? GetTxTimestamp() => _proposal.Timestamp;

    public byte[] GetBinding() => _proposal.Binding;

    public SignedProposal? GetSignedProposal() => _signedProposal;

    public IReadOnlyDictionary<string, byte[]> GetDecorations() => _decorations;

    public async Task<byte[]> GetStateAsync(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ByteString value = await CallAsync(MessageType.GetState, new GetState { Key = key }).ConfigureAwait(false);
        return value.ToByteArray();
    }

    public async Task PutStateAsync(string key, byte[] value)
    {
        RequireKey(key);
        ArgumentNullException.ThrowIfNull(value);
        await CallAsync(MessageType.PutState, new PutState { Key = key, Value = ByteString.CopyFrom(value) }).ConfigureAwait(false);
    }

    public async Task DelStateAsync(string key)
    {
        RequireKey(key);
        await CallAsync(MessageType.DelState, new DelState { Key = key }).ConfigureAwait(false);
    }

    public async Task<IQueryIterator<KV>> GetStateByRangeAsync(string startKey, string endKey)
    {
        (string start, string end) = RangeBounds(startKey, endKey);
        return (await RangeAsync(start, end, null).ConfigureAwait(false)).Iterator;
    }

    public Task<(IQueryIterator<KV> Iterator, QueryResponseMetadata Metadata)> GetStateByRangeWithPaginationAsync(
        string startKey, string endKey, int pageSize, string bookmark)
    {
        (string start, string end) = RangeBounds(startKey, endKey);
        return RangeAsync(start, end, Pagination(pageSize, bookmark));
    }

    public string CreateCompositeKey(string objectType, params IEnumerable<string> attributes) =>
        CompositeKey.Create(objectType, attributes);

    public (string ObjectType, IReadOnlyList<string> Attributes) SplitCompositeKey(string compositeKey) =>
        CompositeKey.Split(compositeKey);

    public async Task<IQueryIterator<KV>> GetStateByPartialCompositeKeyAsync(string objectType, params IEnumerable<string> attributes)
    {
        string partial = CompositeKey.Create(objectType, attributes);
        return (await RangeAsync(partial, partial + CompositeKey.MaxRune, null).ConfigureAwait(false)).Iterator;
    }

    public Task<(IQueryIterator<KV> Iterator, QueryResponseMetadata Metadata)> GetStateByPartialCompositeKeyWithPaginationAsync(
        string objectType, IEnumerable<string> attributes, int pageSize, string bookmark)
    {
        string partial = CompositeKey.Create(objectType, attributes);
        return RangeAsync(partial, partial + CompositeKey.MaxRune, Pagination(pageSize, bookmark));
    }

    public async Task<IQueryIterator<KV>> GetQueryResultAsync(string query) =>
        (await RichQueryAsync(query, null).ConfigureAwait(false)).Iterator;

    public Task<(IQueryIterator<KV> Iterator, QueryResponseMetadata Metadata)> GetQueryResultWithPaginationAsync(
        string query, int pageSize, string bookmark) =>
        RichQueryAsync(query, Pagination(pageSize, bookmark));

    public async Task<IQueryIterator<KeyModification>> GetHistoryForKeyAsync(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ByteString answer = await CallAsync(MessageType.GetHistoryForKey, new GetHistoryForKey { Key = key }).ConfigureAwait(false);
        return new QueryIterator<KeyModification>(_handler, _channelId, _txId, QueryResponse.Parser.ParseFrom(answer), KeyModification.Parser);
    }

    public async Task<Response> InvokeChaincodeAsync(string chaincodeName, IEnumerable<byte[]> args, string channel = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(chaincodeName);
        ArgumentNullException.ThrowIfNull(args);

        // The peer addresses another channel's chaincode by the composite name "name/channel".
        string target = string.IsNullOrEmpty(channel) ? chaincodeName : chaincodeName + "/" + channel;
        var spec = new ChaincodeSpec
        {
            ChaincodeId = new ChaincodeID { Name = target },
            Input = new ChaincodeInput(),
        };
        spec.Input.Args.AddRange(args.Select(ByteString.CopyFrom));
        ByteString answer;
        try
        {
            answer = await CallAsync(MessageType.InvokeChaincode, spec).ConfigureAwait(false);
        }
        catch (ChaincodeStubException ex)
        {
            return Shim.Error(ex.Message);
        }

        // RESPONSE wraps the callee's own final message: COMPLETED with its Response, or ERROR with a reason.
        var callee = ChaincodeMessage.Parser.ParseFrom(answer);
        return callee.Type == MessageType.Completed
            ? Response.Parser.ParseFrom(callee.Payload)
            : Shim.Error(callee.Payload.ToStringUtf8());
    }

    public void SetEvent(string name, byte[] payload)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("event name can not be empty string", nameof(name));
        }

        ArgumentNullException.ThrowIfNull(payload);
        ChaincodeEvent = new ChaincodeEvent { EventName = name, Payload = ByteString.CopyFrom(payload) };
    }

    private Task<ByteString> CallAsync(MessageType type, IMessage payload) =>
        _handler.CallPeerAsync(type, payload, _channelId, _txId);

    private async Task<(IQueryIterator<KV> Iterator, QueryResponseMetadata Metadata)> RangeAsync(
        string startKey, string endKey, QueryMetadata? pagination)
    {
        var request = new GetStateByRange { StartKey = startKey, EndKey = endKey };
        if (pagination is not null)
        {
            request.Metadata = pagination.ToByteString();
        }

        return Iterate(await CallAsync(MessageType.GetStateByRange, request).ConfigureAwait(false));
    }

    private async Task<(IQueryIterator<KV> Iterator, QueryResponseMetadata Metadata)> RichQueryAsync(
        string query, QueryMetadata? pagination)
    {
        ArgumentNullException.ThrowIfNull(query);
        var request = new GetQueryResult { Query = query };
        if (pagination is not null)
        {
            request.Metadata = pagination.ToByteString();
        }

        return Iterate(await CallAsync(MessageType.GetQueryResult, request).ConfigureAwait(false));
    }

    private (IQueryIterator<KV> Iterator, QueryResponseMetadata Metadata) Iterate(ByteString answer)
    {
        var firstPage = QueryResponse.Parser.ParseFrom(answer);
        var metadata = QueryResponseMetadata.Parser.ParseFrom(firstPage.Metadata);
        return (new QueryIterator<KV>(_handler, _channelId, _txId, firstPage, KV.Parser), metadata);
    }

    private static (string Start, string End) RangeBounds(string startKey, string endKey)
    {
        ArgumentNullException.ThrowIfNull(startKey);
        ArgumentNullException.ThrowIfNull(endKey);
        string start = startKey.Length == 0 ? EmptyKeySubstitute : startKey;
        CompositeKey.ValidateSimpleKeys(start, endKey);
        return (start, endKey);
    }

    private static QueryMetadata Pagination(int pageSize, string bookmark)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        return new QueryMetadata { PageSize = pageSize, Bookmark = bookmark ?? string.Empty };
    }

    private static void RequireKey(string key)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new ArgumentException("key must not be an empty string", nameof(key));
        }
    }
}
