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
    private readonly ChaincodeDefinition chaincode;
    private readonly ChaincodeSupport support;
    private readonly ChaincodeSupportOptions options;
    private readonly ILogger logger;
    private readonly ResiliencePipeline reconnect;
    private readonly CancellationTokenSource disposed = new();
    private readonly Lock gate = new();
    private Handler? current;
    private GrpcChannel? currentChannel;
    private Task<Handler>? connecting;
    private string lastError = "not yet connected";

    // Set once a dial attempt has failed, cleared when one succeeds: from then on requests fail at once instead of
    // each waiting ConnectTimeout, so a dead chaincode does not pile up endorsements (hundreds in flight under load).
    private volatile bool unreachable;

    public ChaincodeConnection(ChaincodeDefinition chaincode, ChaincodeSupport support, ChaincodeSupportOptions options, ILogger logger)
    {
        this.chaincode = chaincode;
        this.support = support;
        this.options = options;
        this.logger = logger;
        reconnect = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException || !disposed.IsCancellationRequested),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.ReconnectDelay,
                MaxDelay = options.ReconnectMaxDelay,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    lastError = args.Outcome.Exception?.Message ?? "unknown";
                    unreachable = true;
                    LogRetry(chaincode.PackageId, chaincode.Address, args.AttemptNumber + 1, lastError);
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
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed.IsCancellationRequested, this);
            if (current is { IsAlive: true } ready)
            {
                return ready;
            }

            if (connecting is not null && unreachable)
            {
                throw new ChaincodeExecutionException(
                    $"could not launch chaincode {chaincode.PackageId}: {chaincode.Address} is unreachable ({lastError}); the peer keeps reconnecting");
            }

            pending = connecting ??= Task.Run(ConnectAsync, CancellationToken.None);
        }

        try
        {
            return await pending.WaitAsync(options.ConnectTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new ChaincodeExecutionException(
                $"could not launch chaincode {chaincode.PackageId}: connection to {chaincode.Address} failed: {lastError}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Handler? handler;
        GrpcChannel? channel;
        lock (gate)
        {
            if (disposed.IsCancellationRequested)
            {
                return;
            }

            disposed.Cancel();
            handler = current;
            channel = currentChannel;
            current = null;
            currentChannel = null;
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
            (Handler handler, GrpcChannel channel) = await reconnect.ExecuteAsync(DialAsync, disposed.Token).ConfigureAwait(false);
            lock (gate)
            {
                current = handler;
                currentChannel = channel;
                connecting = null;
                unreachable = false;
            }

            _ = handler.Completion.ContinueWith(_ => OnStreamEnded(handler), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return handler;
        }
        catch
        {
            lock (gate)
            {
                connecting = null;
            }

            throw;
        }
    }

    private async ValueTask<(Handler, GrpcChannel)> DialAsync(CancellationToken cancellationToken)
    {
        Uri address = new((chaincode.Tls is null ? "http://" : "https://") + chaincode.Address);
        GrpcChannel channel = GrpcChannel.ForAddress(
            address,
            new GrpcChannelOptions
            {
                HttpHandler = TlsClientHandler.Create(address, TlsConfig(chaincode.Tls), options.ConnectTimeout),
                DisposeHttpClient = true,
                // Arguments and state values travel in these messages; Fabric's shim and peer allow 100 MiB too.
                MaxReceiveMessageSize = CommDefaults.MaxRecvMsgSize,
                MaxSendMessageSize = CommDefaults.MaxSendMsgSize,
            });
        try
        {
            var client = new Protos.Peer.Chaincode.ChaincodeClient(channel);
            AsyncDuplexStreamingCall<ChaincodeMessage, ChaincodeMessage> call = client.Connect(cancellationToken: CancellationToken.None);
            var handler = new Handler(chaincode, call, support, options, logger);
            using var registration = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            registration.CancelAfter(options.RegistrationTimeout);
            try
            {
                await handler.RegisterAsync(registration.Token).ConfigureAwait(false);
            }
            catch
            {
                await handler.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            lastError = "not connected";
            return (handler, channel);
        }
        catch (Exception ex)
        {
            lastError = ex is RpcException rpc ? rpc.Status.Detail : ex.Message;
            channel.Dispose();
            throw;
        }
    }

    private void OnStreamEnded(Handler handler)
    {
        GrpcChannel? channel;
        lock (gate)
        {
            if (disposed.IsCancellationRequested || !ReferenceEquals(current, handler))
            {
                return;
            }

            channel = currentChannel;
            current = null;
            currentChannel = null;
            lastError = "chaincode stream terminated";
            connecting ??= Task.Run(ConnectAsync, CancellationToken.None);
        }

        channel?.Dispose();
        LogReconnecting(chaincode.PackageId, chaincode.Address);
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
