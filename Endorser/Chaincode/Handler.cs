using System.Collections.Concurrent;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using MessageType = Fabricish.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Fabricish.Endorser.Chaincode;

/// <summary>The peer side of one Connect stream (Fabric's chaincode Handler): completes the REGISTER handshake,
/// sends TRANSACTION/INIT messages and serves the ledger requests each transaction makes until it reports
/// COMPLETED or ERROR. Nothing else is ever sent once READY: fabric-shim treats an unexpected type (even
/// KEEPALIVE) as fatal.</summary>
internal sealed partial class Handler : IAsyncDisposable
{
    private readonly ChaincodeDefinition _chaincode;
    private readonly AsyncDuplexStreamingCall<ChaincodeMessage, ChaincodeMessage> _call;
    private readonly ChaincodeSupport _support;
    private readonly ChaincodeSupportOptions _options;
    private readonly ILogger _logger;

    // A gRPC request stream takes one write at a time; requests of concurrent transactions are answered concurrently.
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<string, TransactionContext> _transactions = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _streamDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _iteratorSequence;

    public Handler(
        ChaincodeDefinition chaincode,
        AsyncDuplexStreamingCall<ChaincodeMessage, ChaincodeMessage> call,
        ChaincodeSupport support,
        ChaincodeSupportOptions options,
        ILogger logger)
    {
        _chaincode = chaincode;
        _call = call;
        _support = support;
        _options = options;
        _logger = logger;
    }

    /// <summary>Completes when the stream is gone (chaincode stopped, crashed or the connection broke).</summary>
    public Task Completion => _streamDone.Task;

    public bool IsAlive => !_streamDone.Task.IsCompleted;

    /// <summary>Waits for REGISTER with the expected package id, answers REGISTERED then READY, and starts serving.</summary>
    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        if (!await _call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            throw new ChaincodeExecutionException($"chaincode {_chaincode.PackageId} closed the stream before registering");
        }

        ChaincodeMessage register = _call.ResponseStream.Current;
        if (register.Type != MessageType.Register)
        {
            throw new ChaincodeExecutionException($"chaincode {_chaincode.PackageId} sent {register.Type} instead of {MessageType.Register}");
        }

        string registered = ChaincodeID.Parser.ParseFrom(register.Payload).Name;
        if (registered != _chaincode.PackageId)
        {
            throw new ChaincodeExecutionException(
                $"chaincode registered as [{registered}] but the peer expects [{_chaincode.PackageId}] at {_chaincode.Address}");
        }

        await SendAsync(new ChaincodeMessage { Type = MessageType.Registered }).ConfigureAwait(false);
        await SendAsync(new ChaincodeMessage { Type = MessageType.Ready }).ConfigureAwait(false);
        LogRegistered(_chaincode.PackageId, _chaincode.Address);
        _ = Task.Run(ReadLoopAsync, CancellationToken.None);
    }

    /// <summary>Sends the transaction and waits for its outcome: COMPLETED or ERROR from the chaincode.</summary>
    public async Task<ChaincodeMessage> ExecuteAsync(TransactionContext context, ChaincodeMessage message, CancellationToken cancellationToken)
    {
        string key = TransactionContext.Key(context.ChannelId, context.TxId);
        if (!_transactions.TryAdd(key, context))
        {
            throw new ChaincodeExecutionException($"txid: {context.TxId}({context.ChannelId}) exists");
        }

        try
        {
            if (!IsAlive)
            {
                throw new ChaincodeExecutionException("chaincode stream terminated");
            }

            await SendAsync(message).ConfigureAwait(false);
            Task outcome = context.Outcome.Task;
            Task finished;
            try
            {
                // WaitAsync drops its timer as soon as the transaction ends; a Task.Delay raced against it stayed
                // queued for the whole timeout, one timer per transaction.
                finished = await Task.WhenAny(outcome, _streamDone.Task).WaitAsync(_options.ExecuteTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                LogTimeout(context.TxId, _chaincode.PackageId, _options.ExecuteTimeout);
                throw new ChaincodeExecutionException("timeout expired while executing transaction");
            }

            if (finished == outcome)
            {
                return await context.Outcome.Task.ConfigureAwait(false);
            }

            throw new ChaincodeExecutionException("chaincode stream terminated");
        }
        catch (Exception ex) when (ex is RpcException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // A write racing the stream's end fails with whichever of these the transport raises at that moment.
            throw new ChaincodeExecutionException("chaincode stream terminated", ex);
        }
        finally
        {
            // Late messages of an abandoned transaction find no context and are answered with an error.
            _transactions.TryRemove(key, out _);
            await context.CloseIteratorsAsync().ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync()
    {
        _call.Dispose();
        _streamDone.TrySetResult();
        return ValueTask.CompletedTask;
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (await _call.ResponseStream.MoveNext(CancellationToken.None).ConfigureAwait(false))
            {
                ChaincodeMessage message = _call.ResponseStream.Current;
                if (message.Type is MessageType.Completed or MessageType.Error)
                {
                    Deliver(message);
                }
                else if (message.Type is MessageType.GetState or MessageType.PutState or MessageType.DelState)
                {
                    // A single key is served at once, on this thread up to its first wait: a hop through the thread
                    // pool for each would cost more than the request (two or three of them per transaction).
                    _ = ServeAsync(message);
                }
                else
                {
                    // Each transaction waits for its answer; serving a query or scan must not hold up the others.
                    _ = Task.Run(() => ServeAsync(message));
                }
            }

            LogStreamEnded(_chaincode.PackageId, null);
        }
        catch (Exception ex) when (ex is RpcException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            LogStreamEnded(_chaincode.PackageId, ex.Message);
        }
        finally
        {
            _streamDone.TrySetResult();
        }
    }

    private void Deliver(ChaincodeMessage message)
    {
        if (_transactions.TryGetValue(TransactionContext.Key(message.ChannelId, message.Txid), out TransactionContext? context))
        {
            context.Outcome.TrySetResult(message);
        }
        else
        {
            LogUnknownTransaction(message.Type, message.Txid);
        }
    }

    private async Task SendAsync(ChaincodeMessage message)
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _call.RequestStream.WriteAsync(message).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ServeAsync(ChaincodeMessage request)
    {
        ChaincodeMessage answer;
        try
        {
            if (!_transactions.TryGetValue(TransactionContext.Key(request.ChannelId, request.Txid), out TransactionContext? context))
            {
                throw new ChaincodeExecutionException("could not get ledger context: no transaction in progress with this id");
            }

            ByteString payload = await HandleRequestAsync(context, request).ConfigureAwait(false);
            answer = new ChaincodeMessage { Type = MessageType.Response, Payload = payload, Txid = request.Txid, ChannelId = request.ChannelId };
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Fabric's wording: the request type and transaction, then the cause, back to the chaincode as ERROR.
            string reason = $"{request.Type} failed: transaction ID: {request.Txid}: {ex.Message}";
            LogRequestFailed(reason);
            answer = new ChaincodeMessage
            {
                Type = MessageType.Error,
                Payload = ByteString.CopyFromUtf8(reason),
                Txid = request.Txid,
                ChannelId = request.ChannelId,
            };
        }

        try
        {
            await SendAsync(answer).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException or ObjectDisposedException or IOException)
        {
            LogStreamEnded(_chaincode.PackageId, ex.Message);
        }
    }

    private string NextIteratorId() => "itr" + Interlocked.Increment(ref _iteratorSequence).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "chaincode {PackageId} at {Address} registered")]
    private partial void LogRegistered(string packageId, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "stream of chaincode {PackageId} ended: {Reason}")]
    private partial void LogStreamEnded(string packageId, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "transaction {TxId} timed out in chaincode {PackageId} after {Timeout}")]
    private partial void LogTimeout(string txId, string packageId, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Type} for transaction {TxId} that is no longer in progress ignored")]
    private partial void LogUnknownTransaction(MessageType type, string txId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Reason}")]
    private partial void LogRequestFailed(string reason);
}
