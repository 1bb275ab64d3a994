using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Grpc.Core;

namespace Fabricish.Peer.Gateway;

/// <summary>
/// One long-lived Broadcast stream to an orderer node that the gateway's submissions share: envelopes are written one
/// after another and the node answers them in the order they came (its Broadcast handler pipelines a stream's
/// envelopes and answers each once, in order), so each answer goes to the oldest submission still waiting. Opening an
/// HTTP/2 stream, a gRPC call and the orderer's stream handler per transaction cost both nodes more CPU than the
/// envelope itself. Whatever ends the stream (a refusal, which ends it as Fabric does and drops what followed
/// unordered, a broken connection, a stalled node) fails every submission still waiting with
/// <see cref="SharedBroadcastStreamEndedException"/>; the broadcaster then sends those on a stream of their own.
/// </summary>
internal sealed class SharedBroadcastStream : IDisposable
{
    private readonly AsyncDuplexStreamingCall<Envelope, BroadcastResponse> _call;
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly Lock _gate = new();
    private readonly Queue<TaskCompletionSource<BroadcastResponse>> _waiting = new();
    private bool _ended;

    public SharedBroadcastStream(AtomicBroadcast.AtomicBroadcastClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _call = client.Broadcast();
        _ = ReadAnswersAsync();
    }

    /// <summary>False once the stream ended: the broadcaster opens a new one.</summary>
    public bool IsOpen
    {
        get
        {
            lock (_gate)
            {
                return !_ended;
            }
        }
    }

    /// <summary>The node's answer to <paramref name="transaction"/>.</summary>
    /// <exception cref="SharedBroadcastStreamEndedException">The stream ended before the answer came: the envelope
    /// may not have been ordered.</exception>
    /// <exception cref="RpcException">DEADLINE_EXCEEDED: the node did not take or answer the envelope within
    /// <paramref name="timeout"/> (as the call deadline of a stream per transaction); the stream is ended.</exception>
    public async Task<BroadcastResponse> SendAsync(Envelope transaction, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var answer = new TaskCompletionSource<BroadcastResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _writing.WaitAsync(bounded.Token).ConfigureAwait(false);
            try
            {
                lock (_gate)
                {
                    if (_ended)
                    {
                        throw new SharedBroadcastStreamEndedException("the shared broadcast stream has ended");
                    }

                    _waiting.Enqueue(answer);
                }

                // Not cancelled by the submitter midway: half a message would corrupt the stream for every other
                // submission. A write the node does not take in time (flow control of a stalled node) ends the stream.
                await _call.RequestStream.WriteAsync(transaction, CancellationToken.None).WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not SharedBroadcastStreamEndedException and not OperationCanceledException)
            {
                End(e);
            }
            finally
            {
                _writing.Release();
            }

            return await answer.Task.WaitAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // A node that does not answer in time is not answering this stream: end it so the next submission does
            // not wait behind it too. As a call's deadline would, this passes the transaction to the next node.
            string message = $"the orderer did not answer within {timeout}";
            End(new TimeoutException(message));
            throw new RpcException(new Grpc.Core.Status(StatusCode.DeadlineExceeded, message));
        }
    }

    public void Dispose()
    {
        End(new ObjectDisposedException(nameof(SharedBroadcastStream)));
        _writing.Dispose();
    }

    private async Task ReadAnswersAsync()
    {
        try
        {
            while (await _call.ResponseStream.MoveNext(CancellationToken.None).ConfigureAwait(false))
            {
                TaskCompletionSource<BroadcastResponse>? waiting;
                lock (_gate)
                {
                    _waiting.TryDequeue(out waiting);
                }

                waiting?.TrySetResult(_call.ResponseStream.Current);
            }

            End(null);
        }
        catch (Exception e)
        {
            // Whatever stops the reading ends the stream: no answer can be matched to its submission any more.
            End(e);
        }
    }

    private void End(Exception? cause)
    {
        TaskCompletionSource<BroadcastResponse>[] waiting;
        lock (_gate)
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            waiting = [.. _waiting];
            _waiting.Clear();
        }

        string reason = cause switch
        {
            null => "the orderer ended the shared broadcast stream",
            RpcException rpc => $"the shared broadcast stream failed: rpc error: code = {rpc.StatusCode} desc = {rpc.Status.Detail}",
            _ => $"the shared broadcast stream failed: {cause.Message}",
        };
        foreach (TaskCompletionSource<BroadcastResponse> submission in waiting)
        {
            submission.TrySetException(new SharedBroadcastStreamEndedException(reason));
        }

        // Ends our side; the node then ends the call (a refusal already did), and the call is released.
        _ = CloseAsync();
    }

    private async Task CloseAsync()
    {
        try
        {
            await _writing.WaitAsync().ConfigureAwait(false);
            try
            {
                await _call.RequestStream.CompleteAsync().ConfigureAwait(false);
            }
            finally
            {
                _writing.Release();
            }
        }
        catch (Exception e) when (e is RpcException or InvalidOperationException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            // The call failed or was released already: nothing is left to close.
        }
        finally
        {
            _call.Dispose();
        }
    }
}
