using Fabricish.Protos.Peer;
using Google.Protobuf;
using MessageType = Fabricish.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Fabricish.Chaincode.Shim;

/// <summary>Fabric's CommonIterator: walks the buffered page of a QueryResponse and asks the peer for the next
/// page by iterator id while it reports has_more.</summary>
internal sealed class QueryIterator<T> : IQueryIterator<T>
    where T : IMessage<T>
{
    private readonly Handler handler;
    private readonly string channelId;
    private readonly string txId;
    private readonly MessageParser<T> parser;
    private QueryResponse page;
    private int position;
    private bool closed;

    public QueryIterator(Handler handler, string channelId, string txId, QueryResponse firstPage, MessageParser<T> parser)
    {
        this.handler = handler;
        this.channelId = channelId;
        this.txId = txId;
        this.parser = parser;
        page = firstPage;
    }

    public bool HasNext => !closed && (position < page.Results.Count || page.HasMore);

    public async Task<T> NextAsync()
    {
        ObjectDisposedException.ThrowIf(closed, this);
        while (position >= page.Results.Count)
        {
            if (!page.HasMore)
            {
                throw new InvalidOperationException("no such key: the iterator is exhausted");
            }

            ByteString next = await handler.CallPeerAsync(
                MessageType.QueryStateNext, new QueryStateNext { Id = page.Id }, channelId, txId).ConfigureAwait(false);
            page = QueryResponse.Parser.ParseFrom(next);
            position = 0;
        }

        return parser.ParseFrom(page.Results[position++].ResultBytes);
    }

    public async Task CloseAsync()
    {
        if (closed)
        {
            return;
        }

        closed = true;
        await handler.CallPeerAsync(
            MessageType.QueryStateClose, new QueryStateClose { Id = page.Id }, channelId, txId).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);

    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        while (HasNext)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return await NextAsync().ConfigureAwait(false);
        }
    }
}
