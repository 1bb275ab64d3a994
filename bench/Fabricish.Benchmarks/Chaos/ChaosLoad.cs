using System.Diagnostics;
using Fabricish.Benchmarks.Network;
using Grpc.Net.Client;

namespace Fabricish.Benchmarks.Chaos;

/// <summary>
/// The client side of the suite: each organization's application user sending create transactions through its own
/// peer's gateway (round robin), one commit watcher per peer and one block watcher per orderer, so every transaction's
/// outcome and every node's height are known as they happen. The open loop runs in the background across faults; the
/// latency run uses closed loops of its own.
/// </summary>
public sealed class ChaosLoad : IDisposable
{
    private static readonly TimeSpan AttachTimeout = TimeSpan.FromSeconds(60);
    private readonly List<OrgClient> _clients;
    private readonly List<GrpcChannel> _orderers;
    private readonly CancellationTokenSource _watching = new();
    private readonly List<Task> _watchTasks = [];
    private readonly LoadGenerator _generator;
    private Task? _openLoop;
    private volatile bool _stopOpenLoop;

    public ChaosLoad(ChaosNetwork network, ChaosOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        NetworkLayout layout = network.Layout;
        _clients = [.. layout.Orgs.Select(o => OrgClient.Connect(o, layout.Channel, layout.Chaincode))];
        _orderers = [.. layout.Orderers.Select(o => o.Connect())];
        Tracker = new TxTracker(_clients.Count);
        Peers = [.. _clients.Select((c, i) => new PeerCommitWatcher(i, c.Endpoint.PeerName, c.Peer, c.Identity, layout.Channel, Tracker))];
        Orderers = [.. _orderers.Select(o => new OrdererBlockWatcher(o, _clients[0].Identity, layout.Channel, Tracker))];
        var workload = new Workload(new NetworkBenchOptions { Workload = WorkloadKind.Create });
        Tag = workload.Tag;
        _generator = new LoadGenerator(_clients, Tracker, workload, options.TransactionTimeout);
    }

    public TxTracker Tracker { get; }

    public IReadOnlyList<PeerCommitWatcher> Peers { get; }

    public IReadOnlyList<OrdererBlockWatcher> Orderers { get; }

    public IReadOnlyList<OrgClient> Clients => _clients;

    /// <summary>The run tag in every asset id this load creates.</summary>
    public string Tag { get; }

    /// <summary>The ordering service's height: the highest any orderer's stream showed.</summary>
    public long OrdererHeight => Orderers.Max(o => o.Height);

    /// <returns>Null once every watcher follows its node, or why not.</returns>
    public async Task<string?> AttachAsync()
    {
        foreach (PeerCommitWatcher peer in Peers)
        {
            _watchTasks.Add(peer.RunAsync(_watching.Token));
        }

        foreach (OrdererBlockWatcher orderer in Orderers)
        {
            _watchTasks.Add(orderer.RunAsync(_watching.Token));
        }

        Task all = Task.WhenAll(Peers.Select(p => p.Ready).Concat(Orderers.Select(o => o.Ready)));
        if (await Task.WhenAny(all, Task.Delay(AttachTimeout)).ConfigureAwait(false) == all)
        {
            return null;
        }

        return "the block watchers did not attach within 60 s: "
            + string.Join("; ", Peers.Select(p => p.LastError).Concat(Orderers.Select(o => o.LastError)).OfType<string>());
    }

    public void StartOpenLoop(double rate)
    {
        _stopOpenLoop = false;
        _openLoop = Task.Run(() => _generator.RunOpenLoopAsync(rate, _clients.Count, () => _stopOpenLoop, () => true, CancellationToken.None));
    }

    /// <summary>Stops starting transactions; those in flight keep going until they end.</summary>
    public async Task StopOpenLoopAsync()
    {
        _stopOpenLoop = true;
        if (_openLoop is { } loop)
        {
            // The loop's own wait covers the transactions in flight: that can last until the transaction timeout.
            await Task.WhenAny(loop, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
        }
    }

    /// <summary>W clients each with one transaction at a time for <paramref name="duration"/>; returns when all ended.</summary>
    public Task RunClosedLoopAsync(int workers, TimeSpan duration)
    {
        long end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return _generator.RunClosedLoopAsync(workers, () => Stopwatch.GetTimestamp() >= end, () => true, CancellationToken.None);
    }

    /// <summary>Waits until no transaction is in flight (or the timeout passes); the open loop must be stopped.</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        long end = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Tracker.All.Any(r => r.Outcome == TxOutcome.Pending) && Stopwatch.GetTimestamp() < end)
        {
            await Task.Delay(250).ConfigureAwait(false);
        }

        if (_openLoop is { } loop)
        {
            await Task.WhenAny(loop, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        }
    }

    public async Task StopWatchingAsync()
    {
        await _watching.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_watchTasks.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _watching.Dispose();
        foreach (OrgClient client in _clients)
        {
            client.Dispose();
        }

        foreach (GrpcChannel orderer in _orderers)
        {
            orderer.Dispose();
        }
    }
}
