using Fabricish.Protos.Ledger.Queryresult;
using Fabricish.Protos.Peer;

namespace Fabricish.Chaincode.Shim;

/// <summary>Fabric's ChaincodeStubInterface: the transaction's arguments and proposal, and the ledger as seen
/// through the peer. Ledger calls are round trips to the peer; a transaction must await each before the next.</summary>
public interface IChaincodeStub
{
    IReadOnlyList<byte[]> GetArgs();

    IReadOnlyList<string> GetStringArgs();

    /// <summary>The first argument as the function name and the rest as its parameters ("" and none without
    /// arguments).</summary>
    (string Function, IReadOnlyList<string> Parameters) GetFunctionAndParameters();

    string GetTxId();

    string GetChannelId();

    /// <summary>The marshalled msp.SerializedIdentity of the proposal's creator (empty without a proposal).</summary>
    byte[] GetCreator();

    /// <summary>The proposal's private inputs, which never reach the ledger.</summary>
    IReadOnlyDictionary<string, byte[]> GetTransient();

    /// <summary>The client's timestamp from the proposal's channel header; null without a proposal.</summary>
    DateTimeOffset? GetTxTimestamp();

    /// <summary>SHA-256 over the proposal's nonce, creator and epoch: lets a chaincode tie assets to a proposal.</summary>
    byte[] GetBinding();

    SignedProposal? GetSignedProposal();

    IReadOnlyDictionary<string, byte[]> GetDecorations();

    /// <summary>The key's value, or an empty array when the key does not exist (Fabric does not tell them apart).</summary>
    Task<byte[]> GetStateAsync(string key);

    Task PutStateAsync(string key, byte[] value);

    Task DelStateAsync(string key);

    /// <summary>Keys in [startKey, endKey); an empty bound is open. Composite keys are never included.</summary>
    Task<IQueryIterator<KV>> GetStateByRangeAsync(string startKey, string endKey);

    /// <summary>One page of a range; Fabric only allows pagination in read-only (evaluated) transactions.</summary>
    Task<(IQueryIterator<KV> Iterator, QueryResponseMetadata Metadata)> GetStateByRangeWithPaginationAsync(
        string startKey, string endKey, int pageSize, string bookmark);

    string CreateCompositeKey(string objectType, params IEnumerable<string> attributes);

    (string ObjectType, IReadOnlyList<string> Attributes) SplitCompositeKey(string compositeKey);

    Task<IQueryIterator<KV>> GetStateByPartialCompositeKeyAsync(string objectType, params IEnumerable<string> attributes);

    Task<(IQueryIterator<KV> Iterator, QueryResponseMetadata Metadata)> GetStateByPartialCompositeKeyWithPaginationAsync(
        string objectType, IEnumerable<string> attributes, int pageSize, string bookmark);

    /// <summary>A rich query in the state database's language (CouchDB Mango JSON).</summary>
    Task<IQueryIterator<KV>> GetQueryResultAsync(string query);

    Task<(IQueryIterator<KV> Iterator, QueryResponseMetadata Metadata)> GetQueryResultWithPaginationAsync(
        string query, int pageSize, string bookmark);

    Task<IQueryIterator<KeyModification>> GetHistoryForKeyAsync(string key);

    /// <summary>Calls another chaincode within this transaction; <paramref name="channel"/> "" means this
    /// channel. The callee's failure comes back as a Response, not an exception.</summary>
    Task<Response> InvokeChaincodeAsync(string chaincodeName, IEnumerable<byte[]> args, string channel = "");

    /// <summary>The key's value in a private data collection, or an empty array when absent. Fails on a peer
    /// that has only the hash (not a member of the collection).</summary>
    Task<byte[]> GetPrivateDataAsync(string collection, string key);

    /// <summary>The SHA-256 of the key's private value, which every peer of the channel has; empty when absent.</summary>
    Task<byte[]> GetPrivateDataHashAsync(string collection, string key);

    /// <summary>Writes private data: the value goes to the collection's member peers, only its hash into the block.</summary>
    Task PutPrivateDataAsync(string collection, string key, byte[] value);

    Task DelPrivateDataAsync(string collection, string key);

    /// <summary>Deletes the key and, at commit, every earlier version of it from the private data store.</summary>
    Task PurgePrivateDataAsync(string collection, string key);

    /// <summary>Private keys in [startKey, endKey) on this peer; allowed only in a transaction that writes nothing.</summary>
    Task<IQueryIterator<KV>> GetPrivateDataByRangeAsync(string collection, string startKey, string endKey);

    Task<IQueryIterator<KV>> GetPrivateDataByPartialCompositeKeyAsync(string collection, string objectType, params IEnumerable<string> attributes);

    Task<IQueryIterator<KV>> GetPrivateDataQueryResultAsync(string collection, string query);

    /// <summary>Fabric's SetStateValidationParameter: replaces the key's metadata with this endorsement policy (a
    /// marshalled SignaturePolicyEnvelope, e.g. <see cref="StateBased.KeyEndorsementPolicy.Policy"/>); from commit on, a change
    /// of the key must satisfy it instead of the chaincode's policy.</summary>
    Task SetStateValidationParameterAsync(string key, byte[] endorsementPolicy);

    /// <summary>The key's endorsement policy, or null when it has none.</summary>
    Task<byte[]?> GetStateValidationParameterAsync(string key);

    Task SetPrivateDataValidationParameterAsync(string collection, string key, byte[] endorsementPolicy);

    Task<byte[]?> GetPrivateDataValidationParameterAsync(string collection, string key);

    /// <summary>Sets the transaction's single event (a later call replaces it); clients see it once committed.</summary>
    void SetEvent(string name, byte[] payload);
}
