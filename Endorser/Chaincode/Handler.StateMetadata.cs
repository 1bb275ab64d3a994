using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Endorser.Chaincode;

/// <summary>Fabric's HandleGetStateMetadata and HandlePutStateMetadata: a key's metadata (a key-level endorsement
/// policy under VALIDATION_PARAMETER) read as a StateMetadataResult, and replaced by the one entry PUT_STATE_METADATA
/// carries; a collection is checked like any private data read or write.</summary>
internal sealed partial class Handler
{
    private static async Task<ByteString> GetStateMetadataAsync(TransactionContext context, GetStateMetadata request)
    {
        IReadOnlyDictionary<string, byte[]>? metadata = request.Collection.Length > 0
            ? await context.Simulator.GetPrivateDataMetadataAsync(context.Namespace, RequireReadable(context, request.Collection), request.Key).ConfigureAwait(false)
            : await context.Simulator.GetStateMetadataAsync(context.Namespace, request.Key).ConfigureAwait(false);
        var result = new StateMetadataResult();
        foreach ((string metakey, byte[] value) in (metadata ?? new Dictionary<string, byte[]>()).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            result.Entries.Add(new StateMetadata { Metakey = metakey, Value = ByteString.CopyFrom(value) });
        }

        return result.ToByteString();
    }

    private static void PutStateMetadata(TransactionContext context, PutStateMetadata request)
    {
        if (request.Metadata is null)
        {
            throw new ChaincodeExecutionException("PutStateMetadata carries no metadata entry");
        }

        var metadata = new Dictionary<string, byte[]>(1, StringComparer.Ordinal) { [request.Metadata.Metakey] = request.Metadata.Value.ToByteArray() };
        if (request.Collection.Length > 0)
        {
            context.Simulator.SetPrivateDataMetadata(context.Namespace, RequireWritable(context, request.Collection), request.Key, metadata);
        }
        else
        {
            context.Simulator.SetStateMetadata(context.Namespace, request.Key, metadata);
        }
    }
}
