using Fabricish.Protos.Peer;
using Google.Protobuf;
using MessageType = Fabricish.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Fabricish.Chaincode.Shim;

/// <summary>Fabric's CommonIterator: walks the buffered page of a QueryResponse and asks the peer for the next
/// page by iterator id while it reports has_more.</summary>
internal sealed class QueryIterator<T> : IQueryIterator<T>
    where T : IMessage<T>
{
    private readonly Handler _handler;
    private readonly string _channelId;
    private readonly string _txId;
    private readonly MessageParser<T> _parser;
    private QueryResponse _page;
    private int _position;
    private bool _closed;

    public QueryIterator(Handler handler, string channelId, string txId, QueryResponse firstPage, MessageParser<T> parser)
    {
        _handler = handler;
        _channelId = channelId;
        _txId = txId;
        _parser = parser;
        _page = firstPage;
    }

    public bool HasNext => !_closed && (_position < _page.Results.Count || _page.HasMore);

    public async Task<T> NextAsync()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        while (_position >= _page.Results.Count)
        {
            if (!_page.HasMore)
            {
                throw new InvalidOperationException("no such key: the iterator is exhausted");
            }

            ByteString next = await _handler.CallPeerAsync(
                MessageType.QueryStateNext, new QueryStateNext { Id = _page.Id }, _channelId, _txId).ConfigureAwait(false);
            _page = QueryResponse.Parser.ParseFrom(next);
            _position = 0;
        }

        return _parser.ParseFrom(_page.Results[_position++].ResultBytes);
    }

    public async Task CloseAsync()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        await _handler.CallPeerAsync(
            MessageType.QueryStateClose, new QueryStateClose { Id = _page.Id }, _channelId, _txId).ConfigureAwait(false);
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
