using System.Collections.Concurrent;
using System.Text;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using MessageType = Fabricish.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Fabricish.Chaincode.Shim;

/// <summary>The shim side of one Connect stream, as Fabric's shim handler: registers the chaincode, runs each
/// INIT/TRANSACTION concurrently, and turns each stub call into a request/response exchange with the peer
/// correlated by channel and transaction id.</summary>
internal sealed partial class Handler
{
    private readonly string _chaincodeId;
    private readonly IChaincode _chaincode;
    private readonly IAsyncStreamReader<ChaincodeMessage> _incoming;
    private readonly IAsyncStreamWriter<ChaincodeMessage> _outgoing;
    private readonly ILogger<Handler> _logger;

    // gRPC stream writers allow one pending write; transactions run concurrently, so sends are serialised.
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    // Fabric allows one outstanding request per transaction; the waiter for it is keyed by channel and txid.
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ChaincodeMessage>> _responseWaiters = new();

    // Completes when the transaction has sent its outcome; the stream is not let go before they all have.
    private readonly ConcurrentDictionary<string, Task> _runningTransactions = new();

    private HandlerState _state = HandlerState.Created;
    private volatile bool _streamEnded;

    public Handler(
        string chaincodeId,
        IChaincode chaincode,
        IAsyncStreamReader<ChaincodeMessage> incoming,
        IAsyncStreamWriter<ChaincodeMessage> outgoing,
        ILogger<Handler> logger)
    {
        _chaincodeId = chaincodeId;
        _chaincode = chaincode;
        _incoming = incoming;
        _outgoing = outgoing;
        _logger = logger;
    }

    /// <summary>Registers, then serves the peer until it closes the stream or the call is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await SendAsync(new ChaincodeMessage
        {
            Type = MessageType.Register,
            Payload = new ChaincodeID { Name = _chaincodeId }.ToByteString(),
        }).ConfigureAwait(false);
        LogRegistering(_chaincodeId);
        try
        {
            while (await _incoming.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                await HandleMessageAsync(_incoming.Current).ConfigureAwait(false);
            }
        }
        finally
        {
            _streamEnded = true;
            foreach (TaskCompletionSource<ChaincodeMessage> waiter in _responseWaiters.Values)
            {
                waiter.TrySetException(new ChaincodeStubException("the peer closed the chaincode stream"));
            }

            await Task.WhenAll(_runningTransactions.Values).ConfigureAwait(false);
            LogStreamEnded(_chaincodeId);
        }
    }

    /// <summary>Sends a request for a transaction and waits for the peer's RESPONSE payload; an ERROR answer
    /// becomes a <see cref="ChaincodeStubException"/> carrying the peer's message.</summary>
    public async Task<ByteString> CallPeerAsync(MessageType type, IMessage payload, string channelId, string txId)
    {
        string key = TransactionKey(channelId, txId);

        // The transaction goes on where the answer is read, up to its next stub call, as fabric-shim's for Node does on its
        // one thread: a hop through the thread pool for each of a transaction's two or three answers cost more than the
        // chaincode code between them. Chaincode that computes for long between stub calls holds up the stream's reads.
        var waiter = new TaskCompletionSource<ChaincodeMessage>();
        if (!_responseWaiters.TryAdd(key, waiter))
        {
            // Fabric's shim refuses the same way: the peer could not tell two answers for one txid apart.
            throw new InvalidOperationException(
                $"[{ShortTxId(txId)}] a {type} request is made while another request of this transaction is in flight; stub calls of one transaction must not overlap");
        }

        try
        {
            if (_streamEnded)
            {
                throw new ChaincodeStubException("the peer closed the chaincode stream");
            }

            await SendAsync(new ChaincodeMessage
            {
                Type = type,
                Payload = payload.ToByteString(),
                Txid = txId,
                ChannelId = channelId,
            }).ConfigureAwait(false);
            ChaincodeMessage answer = await waiter.Task.ConfigureAwait(false);
            return answer.Type switch
            {
                MessageType.Response => answer.Payload,
                MessageType.Error => throw new ChaincodeStubException(answer.Payload.ToStringUtf8()),
                _ => throw new ChaincodeStubException(
                    $"incorrect chaincode message {answer.Type} received. Expecting {MessageType.Response} or {MessageType.Error}"),
            };
        }
        finally
        {
            _responseWaiters.TryRemove(key, out _);
        }
    }

    private async Task HandleMessageAsync(ChaincodeMessage message)
    {
        if (message.Type == MessageType.Keepalive)
        {
            // The peer measures liveness by the echo, whatever state the handshake is in.
            await SendAsync(message).ConfigureAwait(false);
            return;
        }

        string? refusal = _state switch
        {
            HandlerState.Created when message.Type == MessageType.Registered => Advance(HandlerState.Established),
            HandlerState.Established when message.Type == MessageType.Ready => Advance(HandlerState.Ready),
            HandlerState.Ready when message.Type is MessageType.Response or MessageType.Error => DeliverResponse(message),
            HandlerState.Ready when message.Type is MessageType.Transaction or MessageType.Init => StartTransaction(message),
            _ => $"[{ShortTxId(message.Txid)}] Chaincode handler cannot handle message ({message.Type}) while in state: {_state}",
        };
        if (refusal is not null)
        {
            // Answer rather than drop the stream: one bad message must not take down every transaction on it.
            LogRefused(message.Type, refusal);
            await SendAsync(ErrorMessage(message, refusal)).ConfigureAwait(false);
        }
    }

    private string? Advance(HandlerState next)
    {
        _state = next;
        LogStateChanged(_chaincodeId, next);
        return null;
    }

    private string? DeliverResponse(ChaincodeMessage message)
    {
        if (_responseWaiters.TryGetValue(TransactionKey(message.ChannelId, message.Txid), out TaskCompletionSource<ChaincodeMessage>? waiter))
        {
            waiter.TrySetResult(message);
            return null;
        }

        return $"[{ShortTxId(message.Txid)}] responseChannel does not exist";
    }

    private string? StartTransaction(ChaincodeMessage message)
    {
        string key = TransactionKey(message.ChannelId, message.Txid);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_runningTransactions.TryAdd(key, done.Task))
        {
            return $"[{ShortTxId(message.Txid)}] duplicate transaction: {message.Txid} is already executing on channel {message.ChannelId}";
        }

        // Started where the message is read, up to the chaincode's first stub call, as the peer's answers are: a hop
        // through the thread pool per transaction cost the chaincode process more than reaching that call (paired
        // network benches, with the peer's outcome taken inline too: chaincode CPU per transaction 3-12 % lower).
        _ = RunTransactionAsync(message, key, done);
        return null;
    }

    private async Task RunTransactionAsync(ChaincodeMessage message, string key, TaskCompletionSource done)
    {
        try
        {
            await ExecuteAsync(message).ConfigureAwait(false);
        }
        finally
        {
            _runningTransactions.TryRemove(key, out _);
            done.TrySetResult();
        }
    }

    private async Task ExecuteAsync(ChaincodeMessage message)
    {
        ChaincodeMessage outcome;
        try
        {
            var input = ChaincodeInput.Parser.ParseFrom(message.Payload);
            var stub = new ChaincodeStub(this, message.ChannelId, message.Txid, input, message.Proposal);
            Task<Response> running = message.Type == MessageType.Init ? _chaincode.InitAsync(stub) : _chaincode.InvokeAsync(stub);
            Response? response = await running.ConfigureAwait(false)
                ?? throw new InvalidOperationException("the chaincode returned no response; return Shim.Success or Shim.Error");
            outcome = new ChaincodeMessage
            {
                Type = MessageType.Completed,
                Payload = response.ToByteString(),
                Txid = message.Txid,
                ChannelId = message.ChannelId,
                ChaincodeEvent = stub.ChaincodeEvent,
            };
            LogCompleted(ShortTxId(message.Txid), message.ChannelId, response.Status);
        }
        catch (Exception ex)
        {
            // An escaped exception fails the transaction, not the chaincode process (as fabric-shim for Node).
            LogTransactionFailed(ex, ShortTxId(message.Txid), message.ChannelId);
            outcome = ErrorMessage(message, ex.Message);
        }

        try
        {
            await SendAsync(outcome).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or RpcException or OperationCanceledException)
        {
            LogOutcomeUndelivered(ex, ShortTxId(message.Txid));
        }
    }

    private async Task SendAsync(ChaincodeMessage message)
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _outgoing.WriteAsync(message).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private static ChaincodeMessage ErrorMessage(ChaincodeMessage cause, string text) => new()
    {
        Type = MessageType.Error,
        Payload = ByteString.CopyFrom(Encoding.UTF8.GetBytes(text)),
        Txid = cause.Txid,
        ChannelId = cause.ChannelId,
    };

    private static string TransactionKey(string channelId, string txId) => channelId + "\u0000" + txId;

    private static string ShortTxId(string txId) => txId.Length <= 8 ? txId : txId[..8];

    [LoggerMessage(Level = LogLevel.Debug, Message = "Registering chaincode {ChaincodeId} with the peer")]
    private partial void LogRegistering(string chaincodeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chaincode {ChaincodeId} handler is now {State}")]
    private partial void LogStateChanged(string chaincodeId, HandlerState state);

    [LoggerMessage(Level = LogLevel.Information, Message = "The peer's stream for chaincode {ChaincodeId} ended")]
    private partial void LogStreamEnded(string chaincodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a {MessageType} message: {Reason}")]
    private partial void LogRefused(MessageType messageType, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "[{TxId}] on {ChannelId} completed with status {Status}")]
    private partial void LogCompleted(string txId, string channelId, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "[{TxId}] on {ChannelId} failed")]
    private partial void LogTransactionFailed(Exception exception, string txId, string channelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "[{TxId}] outcome could not be sent: the stream is gone")]
    private partial void LogOutcomeUndelivered(Exception exception, string txId);
}
