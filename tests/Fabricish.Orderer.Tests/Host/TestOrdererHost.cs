using Fabricish.Channels.Msp;
using Fabricish.Orderer.Host;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Testing;
using Fabricish.Testing.Infra;
using Google.Protobuf;
using Grpc.Core;
using Status = Fabricish.Protos.Common.Status;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Fabricish.Orderer.Tests.Host;

/// <summary>An orderer node hosted in the test process on free loopback ports, with its own data and MSP folders;
/// stoppable and restartable on the same ports and data. Clients for its gRPC and admin endpoints; the admin client
/// presents the orderer org Admin's TLS certificate, as osnadmin does.</summary>
internal sealed class TestOrdererHost : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private WebApplication? _app;
    private GrpcChannel? _grpc;

    public TestOrdererHost(string directory, SigningIdentity identity, string kafkaBootstrapServers)
    {
        int[] ports = FreePorts.Take(2);
        GrpcPort = ports[0];
        AdminPort = ports[1];
        DataDir = Path.Combine(directory, "data");
        string mspDir = TestMspFolder.Write(Path.Combine(directory, "msp"), identity);
        _settings = new Dictionary<string, string?>
        {
            ["Orderer:ListenAddress"] = $"127.0.0.1:{GrpcPort}",
            ["Orderer:AdminListenAddress"] = $"127.0.0.1:{AdminPort}",
            ["Orderer:DataDir"] = DataDir,
            ["Orderer:MspDir"] = mspDir,
            ["Orderer:MspId"] = identity.MspId,
            ["Orderer:KafkaBootstrapServers"] = kafkaBootstrapServers,
            ["Orderer:KafkaProtocol"] = "Legacy09",
        };
        AdminTls = OrdererAdminTls.Write(Path.Combine(directory, "admin-tls"));
        foreach (var setting in AdminTls.Settings)
        {
            _settings[setting.Key] = setting.Value;
        }

        Admin = AdminTls.CreateAdminClient(AdminPort, TimeSpan.FromSeconds(60));
    }

    public OrdererAdminTls AdminTls { get; }

    public int GrpcPort { get; }

    public int AdminPort { get; }

    public string DataDir { get; }

    public HttpClient Admin { get; }

    public AtomicBroadcast.AtomicBroadcastClient Client { get; private set; } = null!;

    public async Task StartAsync()
    {
        WebApplicationBuilder builder = OrdererHost.CreateBuilder([], _settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        _app = OrdererHost.Build(builder);
        await _app.StartAsync();
        _grpc = GrpcChannel.ForAddress($"http://127.0.0.1:{GrpcPort}");
        Client = new AtomicBroadcast.AtomicBroadcastClient(_grpc);
    }

    public async Task StopAsync()
    {
        _grpc?.Dispose();
        _grpc = null;
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public Task<HttpResponseMessage> JoinAsync(Block genesis) => ChannelParticipation.JoinAsync(Admin, genesis);

    /// <summary>Sends the envelopes on one Broadcast stream, each after the previous one's answer.</summary>
    public async Task<List<BroadcastResponse>> BroadcastAsync(params Envelope[] envelopes)
    {
        using AsyncDuplexStreamingCall<Envelope, BroadcastResponse> call = Client.Broadcast();
        var responses = new List<BroadcastResponse>();
        foreach (Envelope envelope in envelopes)
        {
            await call.RequestStream.WriteAsync(envelope);
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None), "the broadcast stream ended without a response");
            responses.Add(call.ResponseStream.Current);
            if (call.ResponseStream.Current.Status != Status.Success)
            {
                break;
            }
        }

        await call.RequestStream.CompleteAsync();
        return responses;
    }

    /// <summary>One deliver request: the blocks received and the final status (null if <paramref name="until"/> stopped early).</summary>
    public async Task<(List<Block> Blocks, Status? Status)> DeliverAsync(Envelope seek, TimeSpan timeout, Func<List<Block>, bool>? until = null)
    {
        using var cts = new CancellationTokenSource(timeout);
        using AsyncDuplexStreamingCall<Envelope, DeliverResponse> call = Client.Deliver(cancellationToken: cts.Token);
        await call.RequestStream.WriteAsync(seek);
        var blocks = new List<Block>();
        while (await call.ResponseStream.MoveNext(cts.Token))
        {
            DeliverResponse response = call.ResponseStream.Current;
            if (response.TypeCase == DeliverResponse.TypeOneofCase.Status)
            {
                return (blocks, response.Status);
            }

            blocks.Add(response.Block);
            if (until?.Invoke(blocks) == true)
            {
                return (blocks, null);
            }
        }

        Assert.Fail("the deliver stream ended without a status");
        return (blocks, null);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Admin.Dispose();
        AdminTls.Dispose();
    }
}
