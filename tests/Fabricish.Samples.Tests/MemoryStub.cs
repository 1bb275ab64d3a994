using System.Text;
using Fabricish.Chaincode.Shim;
using Fabricish.Protos.Ledger.Queryresult;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Samples.Tests;

/// <summary>One transaction's simulation against a <see cref="MemoryLedger"/>: reads see committed state, never the
/// transaction's own writes (as in Fabric); writes are buffered until commit, the last write of a key wins.</summary>
internal sealed class MemoryStub(MemoryLedger ledger, string txId, byte[] creator, DateTimeOffset timestamp, string[] args) : IChaincodeStub
{
    public Dictionary<string, long> Reads { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, byte[]?> Writes { get; } = new(StringComparer.Ordinal);

    public Response? Response { get; set; }

    public (string Name, byte[] Payload)? Event { get; private set; }

    public IReadOnlyList<byte[]> GetArgs() => [.. args.Select(Encoding.UTF8.GetBytes)];

    public IReadOnlyList<string> GetStringArgs() => args;

    public (string Function, IReadOnlyList<string> Parameters) GetFunctionAndParameters() =>
        args.Length == 0 ? (string.Empty, []) : (args[0], args[1..]);

    public string GetTxId() => txId;

    public string GetChannelId() => "mychannel";

    public byte[] GetCreator() => creator;

    public IReadOnlyDictionary<string, byte[]> GetTransient() => new Dictionary<string, byte[]>();

    public DateTimeOffset? GetTxTimestamp() => timestamp;

    public byte[] GetBinding() => [];

    public SignedProposal? GetSignedProposal() => null;

    public IReadOnlyDictionary<string, byte[]> GetDecorations() => new Dictionary<string, byte[]>();

    /// <summary>Committed state only, as Fabric's GetState: a transaction does not read its own writes.</summary>
    public Task<byte[]> GetStateAsync(string key)
    {
        (byte[] value, long version) = ledger.Read(key);
        Reads.TryAdd(key, version);
        return Task.FromResult(value);
    }

    public Task PutStateAsync(string key, byte[] value)
    {
        Writes[key] = value;
        return Task.CompletedTask;
    }

    public Task DelStateAsync(string key)
    {
        Writes[key] = null;
        return Task.CompletedTask;
    }

    public Task<byte[]> GetPrivateDataAsync(string collection, string key) => throw PrivateDataNotSimulated();

    public Task<byte[]> GetPrivateDataHashAsync(string collection, string key) => throw PrivateDataNotSimulated();

    public Task PutPrivateDataAsync(string collection, string key, byte[] value) => throw PrivateDataNotSimulated();

    public Task DelPrivateDataAsync(string collection, string key) => throw PrivateDataNotSimulated();

    public Task PurgePrivateDataAsync(string collection, string key) => throw PrivateDataNotSimulated();

    public Task<IQueryIterator<KV>> GetPrivateDataByRangeAsync(string collection, string startKey, string endKey) => throw PrivateDataNotSimulated();

    public Task<IQueryIterator<KV>> GetPrivateDataByPartialCompositeKeyAsync(string collection, string objectType, params IEnumerable<string> attributes) =>
        throw PrivateDataNotSimulated();

    public Task<IQueryIterator<KV>> GetPrivateDataQueryResultAsync(string collection, string query) => throw PrivateDataNotSimulated();

    public Task SetStateValidationParameterAsync(string key, byte[] endorsementPolicy) => throw new NotSupportedException("the samples do not set key-level policies");

    public Task<byte[]?> GetStateValidationParameterAsync(string key) => throw new NotSupportedException("the samples do not read key-level policies");

    public Task SetPrivateDataValidationParameterAsync(string collection, string key, byte[] endorsementPolicy) => throw PrivateDataNotSimulated();

    public Task<byte[]?> GetPrivateDataValidationParameterAsync(string collection, string key) => throw PrivateDataNotSimulated();

    public Task<IQueryIterator<KV>> GetStateByRangeAsync(string startKey, string endKey) =>
        Task.FromResult<IQueryIterator<KV>>(new MemoryIterator<KV>(ledger.Range(startKey, endKey)
            .Where(kv => !kv.Key.StartsWith('\u0000'))
            .Select(kv => new KV { Namespace = "cc", Key = kv.Key, Value = ByteString.CopyFrom(kv.Value) })));

    public Task<(IQueryIterator<KV> Iterator, QueryResponseMetadata Metadata)> GetStateByRangeWithPaginationAsync(
        string startKey, string endKey, int pageSize, string bookmark) =>
        throw new NotSupportedException("the samples do not page ranges");

    public string CreateCompositeKey(string objectType, params IEnumerable<string> attributes) => CompositeKey.Create(objectType, attributes);

    public (string ObjectType, IReadOnlyList<string> Attributes) SplitCompositeKey(string compositeKey) => CompositeKey.Split(compositeKey);

    public Task<IQueryIterator<KV>> GetStateByPartialCompositeKeyAsync(string objectType, params IEnumerable<string> attributes)
    {
        string prefix = CompositeKey.Create(objectType, attributes);
        return Task.FromResult<IQueryIterator<KV>>(new MemoryIterator<KV>(ledger.Range(prefix, prefix + "\U0010FFFF")
            .Select(kv => new KV { Namespace = "cc", Key = kv.Key, Value = ByteString.CopyFrom(kv.Value) })));
    }

    public Task<(IQueryIterator<KV> Iterator, QueryResponseMetadata Metadata)> GetStateByPartialCompositeKeyWithPaginationAsync(
        string objectType, IEnumerable<string> attributes, int pageSize, string bookmark) =>
        throw new NotSupportedException("the samples do not page composite keys");

    public Task<IQueryIterator<KV>> GetQueryResultAsync(string query) =>
        throw new NotSupportedException("the samples use no rich queries");

    public Task<(IQueryIterator<KV> Iterator, QueryResponseMetadata Metadata)> GetQueryResultWithPaginationAsync(
        string query, int pageSize, string bookmark) =>
        throw new NotSupportedException("the samples use no rich queries");

    public Task<IQueryIterator<KeyModification>> GetHistoryForKeyAsync(string key) =>
        Task.FromResult<IQueryIterator<KeyModification>>(new MemoryIterator<KeyModification>(ledger.History(key)));

    public Task<Response> InvokeChaincodeAsync(string chaincodeName, IEnumerable<byte[]> args, string channel = "") =>
        throw new NotSupportedException("the samples call no other chaincode");

    public void SetEvent(string name, byte[] payload) => Event = (name, payload);

    private static NotSupportedException PrivateDataNotSimulated() => new("the memory ledger of the samples' tests has no private data collections");
}
