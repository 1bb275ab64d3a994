using Fabricish.Protos.Ledger.Queryresult;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using MessageType = Fabricish.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Fabricish.Chaincode.Shim;

/// <summary>Fabric's shim private data calls: GET_STATE, PUT_STATE, DEL_STATE, GET_STATE_BY_RANGE and
/// GET_QUERY_RESULT with the collection set, GET_PRIVATE_DATA_HASH (a GetState payload) and PURGE_PRIVATE_DATA (a
/// DelState payload).</summary>
internal sealed partial class ChaincodeStub
{
    public async Task<byte[]> GetPrivateDataAsync(string collection, string key)
    {
        RequireCollection(collection);
        ArgumentNullException.ThrowIfNull(key);
        ByteString value = await CallAsync(MessageType.GetState, new GetState { Key = key, Collection = collection }).ConfigureAwait(false);
        return value.ToByteArray();
    }

    public async Task<byte[]> GetPrivateDataHashAsync(string collection, string key)
    {
        RequireCollection(collection);
        ArgumentNullException.ThrowIfNull(key);
        ByteString value = await CallAsync(MessageType.GetPrivateDataHash, new GetState { Key = key, Collection = collection }).ConfigureAwait(false);
        return value.ToByteArray();
    }

    public async Task PutPrivateDataAsync(string collection, string key, byte[] value)
    {
        RequireCollection(collection);
        RequireKey(key);
        ArgumentNullException.ThrowIfNull(value);
        await CallAsync(MessageType.PutState, new PutState { Key = key, Value = ByteString.CopyFrom(value), Collection = collection }).ConfigureAwait(false);
    }

    public async Task DelPrivateDataAsync(string collection, string key)
    {
        RequireCollection(collection);
        RequireKey(key);
        await CallAsync(MessageType.DelState, new DelState { Key = key, Collection = collection }).ConfigureAwait(false);
    }

    public async Task PurgePrivateDataAsync(string collection, string key)
    {
        RequireCollection(collection);
        RequireKey(key);
        await CallAsync(MessageType.PurgePrivateData, new DelState { Key = key, Collection = collection }).ConfigureAwait(false);
    }

    public async Task<IQueryIterator<KV>> GetPrivateDataByRangeAsync(string collection, string startKey, string endKey)
    {
        RequireCollection(collection);
        (string start, string end) = RangeBounds(startKey, endKey);
        ByteString answer = await CallAsync(MessageType.GetStateByRange, new GetStateByRange { StartKey = start, EndKey = end, Collection = collection }).ConfigureAwait(false);
        return Iterate(answer).Iterator;
    }

    public async Task<IQueryIterator<KV>> GetPrivateDataByPartialCompositeKeyAsync(string collection, string objectType, params IEnumerable<string> attributes)
    {
        RequireCollection(collection);
        string partial = CompositeKey.Create(objectType, attributes);
        ByteString answer = await CallAsync(
            MessageType.GetStateByRange, new GetStateByRange { StartKey = partial, EndKey = partial + CompositeKey.MaxRune, Collection = collection }).ConfigureAwait(false);
        return Iterate(answer).Iterator;
    }

    public async Task<IQueryIterator<KV>> GetPrivateDataQueryResultAsync(string collection, string query)
    {
        RequireCollection(collection);
        ArgumentNullException.ThrowIfNull(query);
        ByteString answer = await CallAsync(MessageType.GetQueryResult, new GetQueryResult { Query = query, Collection = collection }).ConfigureAwait(false);
        return Iterate(answer).Iterator;
    }

    private static void RequireCollection(string collection)
    {
        if (string.IsNullOrEmpty(collection))
        {
            throw new ArgumentException("collection must not be an empty string", nameof(collection));
        }
    }
}
