using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Fabricish.Ledger.State;
using Fabricish.Protos.Ledger.Queryresult;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using MessageType = Fabricish.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Fabricish.Endorser.Chaincode;

/// <summary>The ledger requests a running transaction makes, served from its simulator.</summary>
internal sealed partial class Handler
{
    private async Task<ByteString> HandleRequestAsync(TransactionContext context, ChaincodeMessage request)
    {
        string ns = context.Namespace;
        switch (request.Type)
        {
            case MessageType.GetState:
                GetState get = GetState.Parser.ParseFrom(request.Payload);
                if (get.Collection.Length > 0)
                {
                    byte[]? secret = await context.Simulator.GetPrivateDataAsync(ns, RequireReadable(context, get.Collection), get.Key).ConfigureAwait(false);
                    return secret is null ? ByteString.Empty : ByteString.CopyFrom(secret);
                }

                byte[]? value = await context.Simulator.GetStateAsync(ns, get.Key).ConfigureAwait(false);
                // The state database hands out values nobody writes to afterwards; the answer only carries it.
                return value is null ? ByteString.Empty : UnsafeByteOperations.UnsafeWrap(value);

            case MessageType.PutState:
                PutState put = PutState.Parser.ParseFrom(request.Payload);
                if (put.Collection.Length > 0)
                {
                    context.Simulator.SetPrivateData(ns, RequireWritable(context, put.Collection), put.Key, put.Value.ToByteArray());
                }
                else
                {
                    context.Simulator.SetState(ns, put.Key, OwnedBytes(put.Value));
                }

                return ByteString.Empty;

            case MessageType.DelState:
                DelState delete = DelState.Parser.ParseFrom(request.Payload);
                if (delete.Collection.Length > 0)
                {
                    context.Simulator.DeletePrivateData(ns, RequireWritable(context, delete.Collection), delete.Key);
                }
                else
                {
                    context.Simulator.DeleteState(ns, delete.Key);
                }

                return ByteString.Empty;

            case MessageType.PurgePrivateData:
                DelState purge = DelState.Parser.ParseFrom(request.Payload);
                if (purge.Collection.Length == 0)
                {
                    throw new ChaincodeExecutionException("only applicable for private data");
                }

                context.Simulator.PurgePrivateData(ns, RequireWritable(context, purge.Collection), purge.Key);
                return ByteString.Empty;

            case MessageType.GetStateMetadata:
                return await GetStateMetadataAsync(context, GetStateMetadata.Parser.ParseFrom(request.Payload)).ConfigureAwait(false);

            case MessageType.PutStateMetadata:
                PutStateMetadata(context, Protos.Peer.PutStateMetadata.Parser.ParseFrom(request.Payload));
                return ByteString.Empty;

            case MessageType.GetPrivateDataHash:
                GetState getHash = GetState.Parser.ParseFrom(request.Payload);
                RequirePrivateDataAllowed(context);
                byte[]? hash = await context.Simulator.GetPrivateDataHashAsync(ns, getHash.Collection, getHash.Key).ConfigureAwait(false);
                return hash is null ? ByteString.Empty : ByteString.CopyFrom(hash);

            case MessageType.GetStateByRange:
                GetStateByRange range = GetStateByRange.Parser.ParseFrom(request.Payload);
                if (range.Collection.Length > 0)
                {
                    IAsyncEnumerable<VersionedKV> privateRange = context.Simulator.GetPrivateDataRangeScanIterator(
                        ns, RequireReadable(context, range.Collection), range.StartKey, range.EndKey);
                    return await FirstPageAsync(context, AsKVs(ns, privateRange).GetAsyncEnumerator(), null).ConfigureAwait(false);
                }

                if (Pagination(range.Metadata) is { } rangePage)
                {
                    ResultsPage page = await context.Simulator.GetStateRangePageAsync(ns, range.StartKey, range.EndKey, rangePage.PageSize, rangePage.Bookmark).ConfigureAwait(false);
                    return await FirstPageAsync(context, AsKVs(ns, page.Results.ToAsyncEnumerable()).GetAsyncEnumerator(), page).ConfigureAwait(false);
                }

                IAsyncEnumerator<VersionedKV> scan = context.Simulator.GetStateRangeScanIterator(ns, range.StartKey, range.EndKey);
                return await FirstPageAsync(context, AsKVs(ns, scan), null).ConfigureAwait(false);

            case MessageType.GetQueryResult:
                GetQueryResult query = GetQueryResult.Parser.ParseFrom(request.Payload);
                if (query.Collection.Length > 0)
                {
                    IAsyncEnumerable<VersionedKV> privateMatches = context.Simulator.ExecuteQueryOnPrivateData(
                        ns, RequireReadable(context, query.Collection), query.Query);
                    return await FirstPageAsync(context, AsKVs(ns, privateMatches).GetAsyncEnumerator(), null).ConfigureAwait(false);
                }

                if (Pagination(query.Metadata) is { } queryPage)
                {
                    ResultsPage page = await context.Simulator.ExecuteQueryPageAsync(ns, query.Query, queryPage.PageSize, queryPage.Bookmark).ConfigureAwait(false);
                    return await FirstPageAsync(context, AsKVs(ns, page.Results.ToAsyncEnumerable()).GetAsyncEnumerator(), page).ConfigureAwait(false);
                }

                IAsyncEnumerable<VersionedKV> matches = context.Simulator.ExecuteQueryAsync(ns, query.Query);
                return await FirstPageAsync(context, AsKVs(ns, matches).GetAsyncEnumerator(), null).ConfigureAwait(false);

            case MessageType.GetHistoryForKey:
                GetHistoryForKey historyRequest = GetHistoryForKey.Parser.ParseFrom(request.Payload);
                IAsyncEnumerable<KeyModification> modifications = context.Simulator.GetHistoryForKeyAsync(ns, historyRequest.Key);
                return await FirstPageAsync(context, AsBytes(modifications).GetAsyncEnumerator(), null).ConfigureAwait(false);

            case MessageType.QueryStateNext:
                string nextId = QueryStateNext.Parser.ParseFrom(request.Payload).Id;
                if (!context.Iterators.TryGetValue(nextId, out QueryIterator? iterator))
                {
                    throw new ChaincodeExecutionException("query iterator not found");
                }

                return (await NextPageAsync(context, iterator).ConfigureAwait(false)).ToByteString();

            case MessageType.QueryStateClose:
                string closeId = QueryStateClose.Parser.ParseFrom(request.Payload).Id;
                if (context.Iterators.TryRemove(closeId, out QueryIterator? closing))
                {
                    await closing.DisposeAsync().ConfigureAwait(false);
                }

                return new QueryResponse { HasMore = false, Id = closeId }.ToByteString();

            case MessageType.InvokeChaincode:
                return await InvokeChaincodeAsync(context, ChaincodeSpec.Parser.ParseFrom(request.Payload)).ConfigureAwait(false);

            default:
                throw new ChaincodeExecutionException($"the peer does not support {request.Type} requests");
        }
    }

    /// <summary>Chaincode-to-chaincode on the same channel: the callee runs in the same transaction and simulator,
    /// writing its own namespace; its final message (COMPLETED or ERROR) goes back to the caller as the payload.</summary>
    private async Task<ByteString> InvokeChaincodeAsync(TransactionContext context, ChaincodeSpec spec)
    {
        string target = spec.ChaincodeId?.Name ?? string.Empty;
        int slash = target.IndexOf('/', StringComparison.Ordinal);
        string channel = slash < 0 ? context.ChannelId : target[(slash + 1)..];
        string name = slash < 0 ? target : target[..slash];
        if (channel != context.ChannelId)
        {
            throw new ChaincodeExecutionException($"invoking chaincode {name} on channel {channel} from channel {context.ChannelId} is not supported");
        }

        ChaincodeDefinition callee = await _support.Registry.GetChaincodeAsync(channel, name).ConfigureAwait(false)
            ?? throw new ChaincodeExecutionException($"chaincode {name} not found on channel {channel}");
        ChaincodeMessage outcome = await _support.ExecuteMessageAsync(
            callee, context.ChannelId, context.TxId, context.SignedProposal, spec.Input ?? new ChaincodeInput(), context.Simulator, CancellationToken.None).ConfigureAwait(false);
        return outcome.ToByteString();
    }

    private async Task<ByteString> FirstPageAsync(TransactionContext context, IAsyncEnumerator<ByteString> results, ResultsPage? pagination)
    {
        var iterator = new QueryIterator(NextIteratorId(), results);
        context.Iterators[iterator.Id] = iterator;
        QueryResponse first = await NextPageAsync(context, iterator).ConfigureAwait(false);
        if (pagination is not null)
        {
            first.Metadata = new QueryResponseMetadata { FetchedRecordsCount = pagination.Results.Count, Bookmark = pagination.Bookmark }.ToByteString();
        }

        return first.ToByteString();
    }

    private async Task<QueryResponse> NextPageAsync(TransactionContext context, QueryIterator iterator)
    {
        QueryResponse page;
        try
        {
            page = await iterator.NextPageAsync(_options.MaxResultLimit).ConfigureAwait(false);
        }
        catch
        {
            await CloseAsync(context, iterator).ConfigureAwait(false);
            throw;
        }

        if (!page.HasMore)
        {
            // Fabric forgets an exhausted iterator at once; the shim's close that follows is answered all the same.
            await CloseAsync(context, iterator).ConfigureAwait(false);
        }

        return page;
    }

    private static async Task CloseAsync(TransactionContext context, QueryIterator iterator)
    {
        if (context.Iterators.TryRemove(iterator.Id, out _))
        {
            await iterator.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static QueryMetadata? Pagination(ByteString metadata)
    {
        if (metadata.IsEmpty)
        {
            return null;
        }

        QueryMetadata parsed = QueryMetadata.Parser.ParseFrom(metadata);
        return parsed.PageSize > 0 ? parsed : throw new ChaincodeExecutionException($"invalid page size {parsed.PageSize}: it must be greater than zero");
    }

    /// <summary>The bytes of a field of a message that is dropped once served: a parsed bytes field owns an array of
    /// exactly its length, which the simulator may keep instead of a copy.</summary>
    private static byte[] OwnedBytes(ByteString bytes) =>
        MemoryMarshal.TryGetArray(bytes.Memory, out ArraySegment<byte> segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : bytes.ToByteArray();

    private static async IAsyncEnumerator<ByteString> AsKVs(string ns, IAsyncEnumerator<VersionedKV> source)
    {
        await using (source.ConfigureAwait(false))
        {
            while (await source.MoveNextAsync().ConfigureAwait(false))
            {
                VersionedKV kv = source.Current;
                yield return new KV { Namespace = ns, Key = kv.Key, Value = ByteString.CopyFrom(kv.VersionedValue.Value) }.ToByteString();
            }
        }
    }

    private static async IAsyncEnumerable<ByteString> AsKVs(string ns, IAsyncEnumerable<VersionedKV> source, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (VersionedKV kv in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return new KV { Namespace = ns, Key = kv.Key, Value = ByteString.CopyFrom(kv.VersionedValue.Value) }.ToByteString();
        }
    }

    private static async IAsyncEnumerable<ByteString> AsBytes(IAsyncEnumerable<KeyModification> source, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (KeyModification modification in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return modification.ToByteString();
        }
    }
}
