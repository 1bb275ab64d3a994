using System.Runtime.ExceptionServices;
using Fabricish.Channels.Msp;
using Fabricish.Committer;
using Fabricish.Peer.Channels;
using Fabricish.Peer.Host;
using Fabricish.Peer.Operations;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Fabricish.Peer.DeliverClient;

/// <summary>
/// Keeps one channel's ledger following the ordering service, as Fabric's blocksprovider does: a signed deliver
/// request from the ledger height to one orderer, every block through the committer (which refuses a block whose
/// number, previous hash, data hash or orderer signatures are wrong), and on any failure or refused block the next
/// orderer after an exponential backoff that resets once blocks flow again. A commit the state database cannot take
/// pauses the stream and is retried, after re-applying what the block store holds, until CouchDB answers: the same
/// block is offered again, so none is skipped and the committer's height check makes none apply twice.
/// </summary>
internal sealed class BlocksProvider
{
    private readonly PeerChannel _channel;
    private readonly SigningIdentity _signer;
    private readonly PeerOptions _options;
    private readonly PeerMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _reconnect;
    private readonly ResiliencePipeline _commit;
    private int _next;
    private string _endpoint = "(none)";
    private bool _needsRecovery;

    public BlocksProvider(PeerChannel channel, SigningIdentity signer, PeerOptions options, PeerMetrics metrics, TimeProvider time, ILogger logger, bool needsRecovery)
    {
        _channel = channel;
        _signer = signer;
        _options = options;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _needsRecovery = needsRecovery;
        _next = Random.Shared.Next(1024);
        _reconnect = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.DeliverRetryDelay,
                MaxDelay = options.DeliverRetryMaxDelay,
                OnRetry = args =>
                {
                    string error = args.Outcome.Exception?.Message ?? "unknown";
                    _channel.Health.DeliverFailed(_endpoint, error);
                    PeerLog.DeliverFailed(_logger, _endpoint, error, args.RetryDelay);
                    return default;
                },
            })
            .Build();
        _commit = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = options.CommitRetryDelay,
                MaxDelay = options.CommitRetryMaxDelay,
                OnRetry = args =>
                {
                    PeerLog.CommitPaused(_logger, _channel.Height, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message ?? "unknown");
                    return default;
                },
            })
            .Build();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using IDisposable? scope = _logger.BeginScope(new Dictionary<string, object> { ["channel"] = _channel.ChannelId });
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                // Each completed execution means blocks flowed, so the next failure starts the backoff afresh.
                await _reconnect.ExecuteAsync(PullAsync, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async ValueTask PullAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> endpoints = OrdererEndpoints.For(_channel.Config, _options.OrdererEndpointOverrides);
        if (endpoints.Count == 0)
        {
            _endpoint = "(none)";
            PeerLog.NoOrdererEndpoints(_logger, _channel.ChannelId);
            throw new InvalidOperationException("the channel configuration names no orderer endpoint and Peer:OrdererEndpoints is empty");
        }

        // Round robin from a random start: a peer fleet spreads over the orderers, and a failing one is left next time.
        _endpoint = endpoints[(int)((uint)_next++ % (uint)endpoints.Count)];
        int committed = 0;
        try
        {
            await CommitPendingRecoveryAsync(cancellationToken).ConfigureAwait(false);
            ulong start = _channel.Height;
            PeerLog.DeliverConnecting(_logger, _endpoint, start);
            // Fabric's deliver client trusts the TLS CAs of the channel's own configuration (and the peer's root).
            using var connections = new PeerTlsClient(_options.Tls, () => [_channel.Config]);
            using GrpcChannel grpc = connections.Connect(_endpoint, _options.DeliverConnectTimeout, (_options.DeliverKeepAliveInterval, _options.DeliverKeepAliveTimeout));
            var client = new AtomicBroadcast.AtomicBroadcastClient(grpc);
            using AsyncDuplexStreamingCall<Envelope, DeliverResponse> call = client.Deliver(cancellationToken: cancellationToken);
            await call.RequestStream.WriteAsync(SeekRequest.Build(_signer, _channel.ChannelId, start, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            await using var readAhead = new BlockReadAhead(call.ResponseStream, cancellationToken);
            await foreach (Block block in readAhead.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (readAhead.TryPeekNext(out Block? next) && next is not null)
                {
                    _channel.Committer.Anticipate(next);
                }

                if (await CommitAsync(block, cancellationToken).ConfigureAwait(false))
                {
                    committed++;
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            ExceptionDispatchInfo.Throw(readAhead.Failure);
        }
        catch (Exception e) when (committed > 0 && e is not OperationCanceledException)
        {
            // Progress was made: reconnect at once, to the next orderer, without backing off.
            _channel.Health.DeliverFailed(_endpoint, e.Message);
            PeerLog.DeliverFailed(_logger, _endpoint, e.Message, TimeSpan.Zero);
        }
    }

    /// <returns>Whether the block was committed now (false when the ledger already had it).</returns>
    private async Task<bool> CommitAsync(Block block, CancellationToken cancellationToken)
    {
        ulong number = block.Header?.Number ?? 0;
        bool failed = false;
        BlockCommitResult result = await _commit.ExecuteAsync(
            async token =>
            {
                try
                {
                    await CommitPendingRecoveryAsync(token).ConfigureAwait(false);
                    return await _channel.Committer.CommitAsync(block, token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The committer stays faulted until it re-applies what the block store holds beyond the savepoint.
                    _needsRecovery = true;
                    failed = true;
                    _channel.Health.StateDatabaseUnavailable(e.Message);
                    _metrics.CommitFailed(_channel.ChannelId);
                    throw;
                }
            },
            cancellationToken).ConfigureAwait(false);
        if (failed)
        {
            PeerLog.CommitResumed(_logger, number);
        }

        switch (result.Status)
        {
            case BlockCommitStatus.Committed:
                _channel.Health.BlockCommitted();
                _metrics.BlockCommitted(_channel.ChannelId);
                if (result.Codes.Count > 0 && IsConfigBlock(block))
                {
                    _channel.ReloadConfig();
                }

                return true;
            case BlockCommitStatus.AlreadyCommitted:
                return false;
            default:
                string reason = result.Reason ?? "refused";
                _channel.Health.BlockRefused(number, _endpoint, reason);
                _metrics.BlockRefused(_channel.ChannelId);
                PeerLog.BlockRefused(_logger, number, _endpoint, reason);
                throw new DeliverFailedException($"block {number} refused: {reason}");
        }
    }

    private async Task CommitPendingRecoveryAsync(CancellationToken cancellationToken)
    {
        if (!_needsRecovery)
        {
            return;
        }

        await _channel.Committer.RecoverAsync(cancellationToken).ConfigureAwait(false);
        _channel.ReloadConfig();
        _channel.Health.StateDatabaseAvailable();
        _needsRecovery = false;
    }

    private static bool IsConfigBlock(Block block)
    {
        try
        {
            Payload payload = Payload.Parser.ParseFrom(Envelope.Parser.ParseFrom(block.Data.Data[0]).Payload);
            return ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader).Type == (int)HeaderType.Config;
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            return false;
        }
    }
}
