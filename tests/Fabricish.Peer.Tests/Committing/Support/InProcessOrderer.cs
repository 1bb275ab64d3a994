using Fabricish.Channels.Msp;
using Fabricish.Orderer.Host;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Testing;
using Fabricish.Testing.Infra;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Status = Fabricish.Protos.Common.Status;

namespace Fabricish.Peer.Tests.Committing.Support;

/// <summary>An orderer node hosted in the test process (as the orderer's own host tests run it) on free loopback
/// ports against the Kafka cluster; joins channels and broadcasts envelopes.</summary>
internal sealed class InProcessOrderer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GrpcChannel _grpc;
    private readonly HttpClient _admin;
    private readonly OrdererAdminTls _adminTls;

    private InProcessOrderer(WebApplication app, int grpcPort, int adminPort, OrdererAdminTls adminTls)
    {
        _app = app;
        Endpoint = $"127.0.0.1:{grpcPort}";
        _grpc = GrpcChannel.ForAddress($"http://{Endpoint}");
        _adminTls = adminTls;
        _admin = adminTls.CreateAdminClient(adminPort, TimeSpan.FromSeconds(60));
    }

    /// <summary>host:port of the orderer's gRPC service, for the peers' Peer:OrdererEndpoints.</summary>
    public string Endpoint { get; }

    public static async Task<InProcessOrderer> StartAsync(string directory, SigningIdentity identity, string kafkaBootstrapServers)
    {
        int[] ports = FreePorts.Take(2);
        string mspDir = TestMspFolder.Write(Path.Combine(directory, "msp"), identity);
        var adminTls = OrdererAdminTls.Write(Path.Combine(directory, "admin-tls"));
        var settings = new Dictionary<string, string?>
        {
            ["Orderer:ListenAddress"] = $"127.0.0.1:{ports[0]}",
            ["Orderer:AdminListenAddress"] = $"127.0.0.1:{ports[1]}",
            ["Orderer:DataDir"] = Path.Combine(directory, "data"),
            ["Orderer:MspDir"] = mspDir,
            ["Orderer:MspId"] = identity.MspId,
            ["Orderer:KafkaBootstrapServers"] = kafkaBootstrapServers,
            ["Orderer:KafkaProtocol"] = "Legacy09",
        };
        WebApplicationBuilder builder = OrdererHost.CreateBuilder([], settings.Concat(adminTls.Settings));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        WebApplication app = OrdererHost.Build(builder);
        await app.StartAsync();
        return new InProcessOrderer(app, ports[0], ports[1], adminTls);
    }

    public async Task JoinAsync(Block genesis)
    {
        using HttpResponseMessage response = await ChannelParticipation.JoinAsync(_admin, genesis);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Sends the envelopes in order, each after the previous one's answer; one the Kafka chain is not yet
    /// ready for is sent again on a new stream (the orderer ends a stream after a failure status).</summary>
    public async Task BroadcastAsync(IEnumerable<Envelope> envelopes)
    {
        var client = new AtomicBroadcast.AtomicBroadcastClient(_grpc);
        AsyncDuplexStreamingCall<Envelope, BroadcastResponse> call = client.Broadcast();
        try
        {
            foreach (Envelope envelope in envelopes)
            {
                for (int attempt = 0; ; attempt++)
                {
                    await call.RequestStream.WriteAsync(envelope);
                    Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None), "the broadcast stream ended without a response");
                    BroadcastResponse response = call.ResponseStream.Current;
                    if (response.Status == Status.Success)
                    {
                        break;
                    }

                    Assert.True(response.Status == Status.ServiceUnavailable && attempt < 120, $"broadcast answered {response.Status}: {response.Info}");
                    call.Dispose();
                    await Task.Delay(500);
                    call = client.Broadcast();
                }
            }

            await call.RequestStream.CompleteAsync();
        }
        finally
        {
            call.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _grpc.Dispose();
        _admin.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _adminTls.Dispose();
    }
}
