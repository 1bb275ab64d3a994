using Fabricish.Protos.Peer;
using Google.Protobuf;
using MessageType = Fabricish.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Fabricish.Chaincode.Shim;

/// <summary>Fabric's shim key-level endorsement calls: GET_STATE_METADATA answered with a StateMetadataResult, and
/// PUT_STATE_METADATA carrying one StateMetadata entry under the metakey "VALIDATION_PARAMETER"; a non-empty collection
/// addresses a private data key.</summary>
internal sealed partial class ChaincodeStub
{
    /// <summary>Fabric's validationParameterMetakey: the proto name of peer.MetaDataKeys.VALIDATION_PARAMETER.</summary>
    public const string ValidationParameterMetakey = "VALIDATION_PARAMETER";

    public Task SetStateValidationParameterAsync(string key, byte[] endorsementPolicy) =>
        PutStateMetadataEntryAsync("", key, endorsementPolicy);

    public Task<byte[]?> GetStateValidationParameterAsync(string key) => GetValidationParameterAsync("", key);

    public Task SetPrivateDataValidationParameterAsync(string collection, string key, byte[] endorsementPolicy) =>
        PutStateMetadataEntryAsync(collection, key, endorsementPolicy);

    public Task<byte[]?> GetPrivateDataValidationParameterAsync(string collection, string key) =>
        GetValidationParameterAsync(collection, key);

    private async Task PutStateMetadataEntryAsync(string collection, string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(key);
        var request = new PutStateMetadata
        {
            Collection = collection,
            Key = key,
            Metadata = new StateMetadata { Metakey = ValidationParameterMetakey, Value = value is null ? ByteString.Empty : ByteString.CopyFrom(value) },
        };
        await CallAsync(MessageType.PutStateMetadata, request).ConfigureAwait(false);
    }

    /// <summary>The key's validation parameter, null when it has none (as Fabric's shim returns nil).</summary>
    private async Task<byte[]?> GetValidationParameterAsync(string collection, string key)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(key);
        ByteString answer = await CallAsync(MessageType.GetStateMetadata, new GetStateMetadata { Collection = collection, Key = key }).ConfigureAwait(false);
        StateMetadataResult result;
        try
        {
            result = StateMetadataResult.Parser.ParseFrom(answer);
        }
        catch (InvalidProtocolBufferException)
        {
            throw new ChaincodeStubException("could not unmarshal metadata response");
        }

        byte[]? found = null;
        foreach (StateMetadata entry in result.Entries)
        {
            if (entry.Metakey == ValidationParameterMetakey)
            {
                found = entry.Value.ToByteArray();
            }
        }

        return found;
    }
}
