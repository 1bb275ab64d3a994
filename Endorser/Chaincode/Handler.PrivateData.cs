using Fabricish.Channels.PrivateData;

namespace Fabricish.Endorser.Chaincode;

/// <summary>Fabric's collection access checks on the chaincode stream (handler.go errorIfCreatorHasNo*Permission):
/// a collection the chaincode lacks, private data in Init, and a creator outside a memberOnlyRead/memberOnlyWrite
/// collection are refused with Fabric's messages.</summary>
internal sealed partial class Handler
{
    private static string RequireReadable(TransactionContext context, string collection)
    {
        CollectionDefinition definition = RequireCollection(context, collection);
        if (definition.MemberOnlyRead && !IsCreatorMember(context, definition))
        {
            throw new ChaincodeExecutionException(
                $"tx creator does not have read access permission on privatedata in chaincodeName:{context.Namespace} collectionName: {collection}");
        }

        return collection;
    }

    private static string RequireWritable(TransactionContext context, string collection)
    {
        CollectionDefinition definition = RequireCollection(context, collection);
        if (definition.MemberOnlyWrite && !IsCreatorMember(context, definition))
        {
            throw new ChaincodeExecutionException(
                $"tx creator does not have write access permission on privatedata in chaincodeName:{context.Namespace} collectionName: {collection}");
        }

        return collection;
    }

    private static void RequirePrivateDataAllowed(TransactionContext context)
    {
        if (context.IsInit)
        {
            throw new ChaincodeExecutionException("private data APIs are not allowed in chaincode Init()");
        }
    }

    private static CollectionDefinition RequireCollection(TransactionContext context, string collection)
    {
        RequirePrivateDataAllowed(context);
        return context.Simulator.CollectionsOf?.Invoke(context.Namespace)?.Find(collection)
            ?? throw new ChaincodeExecutionException($"collection {context.ChannelId}/{context.Namespace}/{collection} could not be found");
    }

    private static bool IsCreatorMember(TransactionContext context, CollectionDefinition definition) =>
        context.Simulator.CreatorMspId is { } mspId && definition.IsMember(mspId);
}
