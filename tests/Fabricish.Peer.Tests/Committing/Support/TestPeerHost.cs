using System.Net;
using Fabricish.Channels.Msp;
using Fabricish.Peer.Channels;
using Fabricish.Peer.Host;
using Fabricish.Testing;
using Fabricish.Testing.Infra;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fabricish.Peer.Tests.Committing.Support;

/// <summary>A peer node hosted in the test process on free loopback ports with its own data and MSP folders and its
/// own CouchDB; stoppable and restartable on the same ports, data and CouchDB.</summary>
internal sealed class TestPeerHost : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private WebApplication? _app;

    /// <param name="overrides">Settings that replace the ones derived from the other arguments.</param>
    public TestPeerHost(
        string directory, TestOrg org, SigningIdentity identity, PouchDbServer couchDb, string ordererEndpoints, IReadOnlyDictionary<string, string>? overrides = null)
    {
        int[] ports = FreePorts.Take(2);
        PeerAddress = $"127.0.0.1:{ports[0]}";
        OperationsAddress = $"127.0.0.1:{ports[1]}";
        DataDir = Path.Combine(directory, "data");
        string mspDir = org.WriteLocalMsp(Path.Combine(directory, "msp"), identity);
        _settings = new Dictionary<string, string?>
        {
            ["Peer:ListenAddress"] = PeerAddress,
            ["Peer:OperationsListenAddress"] = OperationsAddress,
            ["Peer:DataDir"] = DataDir,
            ["Peer:MspDir"] = mspDir,
            ["Peer:MspId"] = identity.MspId,
            ["Peer:OrdererEndpoints"] = ordererEndpoints,
            ["Peer:DeliverRetryMaxDelay"] = "00:00:01",
            ["Peer:CommitRetryMaxDelay"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach ((string setting, string value) in couchDb.PeerSettings.Concat(overrides ?? new Dictionary<string, string>()))
        {
            _settings[setting] = value;
        }

        Operations = new HttpClient { BaseAddress = new Uri($"http://{OperationsAddress}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The gRPC endpoint (Endorser, Deliver, Gateway).</summary>
    public string PeerAddress { get; }

    public string OperationsAddress { get; }

    public string DataDir { get; }

    public HttpClient Operations { get; }

    public PeerChannels Channels => _app?.Services.GetRequiredService<PeerChannels>() ?? throw new InvalidOperationException("the peer is not running");

    public string ChannelDirectory(string channelId) => Path.Combine(DataDir, "ledgersData", "chains", channelId);

    public async Task StartAsync()
    {
        WebApplicationBuilder builder = PeerHost.CreateBuilder([], _settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        _app = PeerHost.Build(builder);
        await _app.StartAsync();
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    /// <summary>Waits until the channel's ledger reaches <paramref name="height"/>.</summary>
    public async Task<PeerChannel> WaitForHeightAsync(string channelId, ulong height, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            if (Channels.Get(channelId) is { } channel && channel.Height >= height)
            {
                return channel;
            }

            Assert.False(cts.IsCancellationRequested, $"channel {channelId} did not reach height {height} within {timeout} (at {Channels.Get(channelId)?.Height})");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until /healthz answers <paramref name="status"/>, returning its body.</summary>
    public async Task<string> WaitForHealthAsync(HttpStatusCode status, TimeSpan timeout, string? containing = null)
    {
        using var cts = new CancellationTokenSource(timeout);
        string body = "";
        while (!cts.IsCancellationRequested)
        {
            using HttpResponseMessage response = await Operations.GetAsync(new Uri(PeerHost.HealthPath, UriKind.Relative));
            body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == status && (containing is null || body.Contains(containing, StringComparison.Ordinal)))
            {
                return body;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"/healthz did not answer {(int)status}{(containing is null ? "" : $" containing '{containing}'")} within {timeout}; last: {body}");
        return body;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Operations.Dispose();
    }
}
