using System.Threading.Channels;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Grpc.Core;

namespace Fabricish.Peer.DeliverClient;

/// <summary>Reads a deliver stream a few blocks ahead of the commit, so the committer can start checking the next
/// block's signatures while it commits the current one (<see cref="Committer.BlockCommitter.Anticipate"/>). A status
/// answer, a broken stream or its end stop the blocks after those before it; <see cref="Failure"/> says why.</summary>
internal sealed class BlockReadAhead : IAsyncDisposable
{
    // Two blocks are enough to keep the next one at hand; more would only hold memory the committer cannot use yet.
    private const int Capacity = 2;

    private readonly Channel<Block> _blocks = Channel.CreateBounded<Block>(new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop;
    private readonly Task _pump;
    private volatile Exception? _failure;

    public BlockReadAhead(IAsyncStreamReader<DeliverResponse> responses, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _pump = PumpAsync(responses, _stop.Token);
    }

    /// <summary>The blocks in stream order, until the stream fails or ends.</summary>
    public IAsyncEnumerable<Block> ReadAllAsync(CancellationToken cancellationToken) => _blocks.Reader.ReadAllAsync(cancellationToken);

    /// <summary>The block after the one last read, when the stream has delivered it already.</summary>
    public bool TryPeekNext(out Block? next) => _blocks.Reader.TryPeek(out next);

    /// <summary>Why the blocks stopped, once <see cref="ReadAllAsync"/> has ended.</summary>
    public Exception Failure => _failure ?? new DeliverFailedException("orderer closed the stream");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _pump.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task PumpAsync(IAsyncStreamReader<DeliverResponse> responses, CancellationToken cancellationToken)
    {
        try
        {
            while (await responses.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                DeliverResponse response = responses.Current;
                if (response.TypeCase == DeliverResponse.TypeOneofCase.Status)
                {
                    _failure = new DeliverFailedException($"orderer ended the stream with status {response.Status}");
                    return;
                }

                await _blocks.Writer.WriteAsync(response.Block, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            _failure = e;
        }
        finally
        {
            // The reader sees the end after the blocks already read, then asks Failure why.
            _blocks.Writer.TryComplete();
        }
    }
}
