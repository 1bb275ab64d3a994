using Fabricish.Channels.Crypto.Tls;
using Fabricish.Protos;
using Fabricish.Protos.Peer;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Fabricish.Endorser.Chaincode;

/// <summary>The peer's link to one chaincode-as-a-service endpoint (Fabric's extcc runtime): dials the address,
/// registers the chaincode, and when the stream is lost keeps redialling with exponential backoff, so a chaincode
/// that restarts is served again without anyone asking.</summary>
internal sealed partial class ChaincodeConnection : IAsyncDisposable
{
    private readonly ChaincodeDefinition _chaincode;
    private readonly ChaincodeSupport _support;
    private readonly ChaincodeSupportOptions _options;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _reconnect;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _gate = new();
    private Handler? _current;
    private GrpcChannel? _currentChannel;
    private Task<Handler>? _connecting;
    private string _lastError = "not yet connected";

    // Set once a dial attempt has failed, cleared when one succeeds: from then on requests fail at once instead of
    // each waiting ConnectTimeout, so a dead chaincode does not pile up endorsements (hundreds in flight under load).
    private volatile bool _unreachable;

    public ChaincodeConnection(ChaincodeDefinition chaincode, ChaincodeSupport support, ChaincodeSupportOptions options, ILogger logger)
    {
        _chaincode = chaincode;
        _support = support;
        _options = options;
        _logger = logger;
        _reconnect = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException || !_disposed.IsCancellationRequested),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.ReconnectDelay,
                MaxDelay = options.ReconnectMaxDelay,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    _lastError = args.Outcome.Exception?.Message ?? "unknown";
                    _unreachable = true;
                    LogRetry(chaincode.PackageId, chaincode.Address, args.AttemptNumber + 1, _lastError);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>The registered handler, waiting at most ConnectTimeout for one; dialling continues afterwards. Once a
    /// dial attempt has failed, requests fail at once until one succeeds.</summary>
    public async Task<Handler> GetHandlerAsync(CancellationToken cancellationToken)
    {
        Task<Handler> pending;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
            if (_current is { IsAlive: true } ready)
            {
                return ready;
            }

            if (_connecting is not null && _unreachable)
            {
                throw new ChaincodeExecutionException(
                    $"could not launch chaincode {_chaincode.PackageId}: {_chaincode.Address} is unreachable ({_lastError}); the peer keeps reconnecting");
            }

            pending = _connecting ??= Task.Run(ConnectAsync, CancellationToken.None);
        }

        try
        {
            return await pending.WaitAsync(_options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new ChaincodeExecutionException(
                $"could not launch chaincode {_chaincode.PackageId}: connection to {_chaincode.Address} failed: {_lastError}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Handler? handler;
        GrpcChannel? channel;
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            _disposed.Cancel();
            handler = _current;
            channel = _currentChannel;
            _current = null;
            _currentChannel = null;
        }

        if (handler is not null)
        {
            await handler.DisposeAsync().ConfigureAwait(false);
        }

        channel?.Dispose();
    }

    private async Task<Handler> ConnectAsync()
    {
        try
        {
            (Handler handler, GrpcChannel channel) = await _reconnect.ExecuteAsync(DialAsync, _disposed.Token).ConfigureAwait(false);
            lock (_gate)
            {
                _current = handler;
                _currentChannel = channel;
                _connecting = null;
                _unreachable = false;
            }

            _ = handler.Completion.ContinueWith(_ => OnStreamEnded(handler), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return handler;
        }
        catch
        {
            lock (_gate)
            {
                _connecting = null;
            }

            throw;
        }
    }

    private async ValueTask<(Handler, GrpcChannel)> DialAsync(CancellationToken cancellationToken)
    {
        Uri address = new((_chaincode.Tls is null ? "http://" : "https://") + _chaincode.Address);
        GrpcChannel channel = GrpcChannel.ForAddress(
            address,
            new GrpcChannelOptions
            {
                HttpHandler = TlsClientHandler.Create(address, TlsConfig(_chaincode.Tls), _options.ConnectTimeout),
                DisposeHttpClient = true,
                // Arguments and state values travel in these messages; Fabric's shim and peer allow 100 MiB too.
                MaxReceiveMessageSize = CommDefaults.MaxRecvMsgSize,
                MaxSendMessageSize = CommDefaults.MaxSendMsgSize,
            });
        try
        {
            var client = new Protos.Peer.Chaincode.ChaincodeClient(channel);
            AsyncDuplexStreamingCall<ChaincodeMessage, ChaincodeMessage> call = client.Connect(cancellationToken: CancellationToken.None);
            var handler = new Handler(_chaincode, call, _support, _options, _logger);
            using var registration = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            registration.CancelAfter(_options.RegistrationTimeout);
            try
            {
                await handler.RegisterAsync(registration.Token).ConfigureAwait(false);
            }
            catch
            {
                await handler.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            _lastError = "not connected";
            return (handler, channel);
        }
        catch (Exception ex)
        {
            _lastError = ex is RpcException rpc ? rpc.Status.Detail : ex.Message;
            channel.Dispose();
            throw;
        }
    }

    private void OnStreamEnded(Handler handler)
    {
        GrpcChannel? channel;
        lock (_gate)
        {
            if (_disposed.IsCancellationRequested || !ReferenceEquals(_current, handler))
            {
                return;
            }

            channel = _currentChannel;
            _current = null;
            _currentChannel = null;
            _lastError = "chaincode stream terminated";
            _connecting ??= Task.Run(ConnectAsync, CancellationToken.None);
        }

        channel?.Dispose();
        LogReconnecting(_chaincode.PackageId, _chaincode.Address);
    }

    /// <summary>The chaincode server must chain to connection.json's root_cert (not the machine's store) and carry the
    /// address's host name, as Fabric's peer checks it; the client certificate is offered for mutual TLS.</summary>
    private static TlsClientConfig? TlsConfig(ChaincodeTlsSettings? tls)
    {
        if (tls is null)
        {
            return null;
        }

        var trust = new TlsTrust([.. tls.RootCertificates], []);
        return new TlsClientConfig(() => trust) { ClientCertificate = tls.ClientCertificate };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "chaincode {PackageId} at {Address}: connection attempt {Attempt} failed: {Reason}")]
    private partial void LogRetry(string packageId, string address, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "chaincode {PackageId} at {Address} disconnected; reconnecting")]
    private partial void LogReconnecting(string packageId, string address);
}
