using System.Net;
using Fabricish.Channels.Crypto;
using Fabricish.Orderer.Host;
using Fabricish.Testing;
using Fabricish.Testing.Infra;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace Fabricish.Orderer.Tests.Host;

/// <summary>The channel participation API can delete a node's ledgers, so its listener is mutual TLS as Fabric's
/// Admin.TLS: only clients with a certificate of the orderer organization's TLS CA get an answer. No Kafka is needed:
/// joining starts the channel's chain, which keeps retrying an unreachable broker while these tests look at the API.</summary>
public sealed class AdminListenerAuthenticationTests : IAsyncLifetime
{
    private const string NoKafka = "127.0.0.1:9";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly ScratchDirectory _scratch = new("orderer-admin-auth");
    private readonly HostTestChannel _channel = new("admin-auth");
    private TestOrdererHost _node = null!;

    public async Task InitializeAsync()
    {
        _node = new TestOrdererHost(_scratch.Sub("node"), _channel.NewOrdererIdentity(0), NoKafka);
        await _node.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _channel.Dispose();
        _scratch.Dispose();
    }

    [Fact]
    public async Task Orderer_org_admin_certificate_may_list_join_and_remove_channels_and_read_health()
    {
        using HttpResponseMessage joined = await _node.JoinAsync(_channel.Genesis);
        Assert.True(joined.StatusCode == HttpStatusCode.Created, await joined.Content.ReadAsStringAsync());
        Assert.Contains("\"admin-auth\"", await _node.Admin.GetStringAsync("/participation/v1/channels"), StringComparison.Ordinal);
        using HttpResponseMessage health = await _node.Admin.GetAsync("/healthz");
        Assert.NotEqual(HttpStatusCode.NotFound, health.StatusCode);

        using HttpResponseMessage removed = await _node.Admin.DeleteAsync("/participation/v1/channels/admin-auth");

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.DoesNotContain("admin-auth", await _node.Admin.GetStringAsync("/participation/v1/channels"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plaintext_delete_is_refused_and_the_channel_keeps_its_ledger()
    {
        using var plaintext = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_node.AdminPort}"), Timeout = Timeout };
        await AssertRefusedAsync(plaintext, HttpMethod.Get, "/participation/v1/channels");
        await JoinAsync();

        await AssertRefusedAsync(plaintext, HttpMethod.Delete, "/participation/v1/channels/admin-auth");

        Assert.Contains("\"admin-auth\"", await _node.Admin.GetStringAsync("/participation/v1/channels"), StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(_node.DataDir, "chains", "admin-auth")));
    }

    [Fact]
    public async Task Tls_client_without_a_certificate_is_refused()
    {
        await JoinAsync();
        using HttpClient anonymous = _node.AdminTls.CreateClient(_node.AdminPort, Timeout, client: null);

        await AssertRefusedAsync(anonymous, HttpMethod.Delete, "/participation/v1/channels/admin-auth");
        await AssertRefusedAsync(anonymous, HttpMethod.Get, "/participation/v1/channels");

        Assert.Contains("\"admin-auth\"", await _node.Admin.GetStringAsync("/participation/v1/channels"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tlsca.other.com", "Admin@example.com")]
    [InlineData("tlsca.org1.example.com", "User1@org1.example.com")]
    public async Task Client_certificate_not_issued_by_the_orderer_orgs_TLS_CA_is_refused(string caName, string commonName)
    {
        await JoinAsync();
        using var foreignCa = CertificateAuthority.CreateRoot(new CaSubject(caName["tlsca.".Length..], caName));
        TlsFiles foreign = TlsFiles.Write(_scratch.Sub("foreign-" + caName), foreignCa, commonName, "client");
        using HttpClient client = _node.AdminTls.CreateClient(_node.AdminPort, Timeout, foreign);

        await AssertRefusedAsync(client, HttpMethod.Delete, "/participation/v1/channels/admin-auth");
        await AssertRefusedAsync(client, HttpMethod.Get, "/participation/v1/channels");

        Assert.Contains("\"admin-auth\"", await _node.Admin.GetStringAsync("/participation/v1/channels"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Insecure_admin_is_refused_when_grpc_serves_TLS()
    {
        using var ca = CertificateAuthority.CreateRoot(new CaSubject("example.com", "tlsca.example.com"));
        TlsFiles tls = TlsFiles.Write(_scratch.Sub("grpc-tls"), ca, "orderer1.example.com");
        Dictionary<string, string?> settings = Settings();
        settings["Orderer:Tls:Enabled"] = "true";
        settings["Orderer:Tls:CertFile"] = tls.CertFile;
        settings["Orderer:Tls:KeyFile"] = tls.KeyFile;

        OptionsValidationException error = await StartFailsAsync([OrdererHost.InsecureAdminFlag], settings);

        string failure = Assert.Single(error.Failures);
        Assert.StartsWith("Orderer:Admin:Insecure (--insecure-admin) is refused when Orderer:Tls:Enabled is true", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_listener_without_TLS_settings_starts_only_with_insecure_admin_and_then_serves_plaintext()
    {
        OptionsValidationException error = await StartFailsAsync([], Settings());
        Assert.StartsWith("Orderer:Admin:Tls:Enabled must be true", Assert.Single(error.Failures), StringComparison.Ordinal);

        Dictionary<string, string?> settings = Settings();
        WebApplicationBuilder builder = OrdererHost.CreateBuilder([OrdererHost.InsecureAdminFlag], settings);
        await using WebApplication app = OrdererHost.Build(builder);
        await app.StartAsync();
        using var plaintext = new HttpClient { BaseAddress = new Uri($"http://{settings["Orderer:AdminListenAddress"]}"), Timeout = Timeout };

        using HttpResponseMessage list = await plaintext.GetAsync("/participation/v1/channels");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        await app.StopAsync();
    }

    private async Task JoinAsync()
    {
        using HttpResponseMessage joined = await _node.JoinAsync(_channel.Genesis);
        Assert.True(joined.StatusCode == HttpStatusCode.Created, await joined.Content.ReadAsStringAsync());
    }

    private static async Task AssertRefusedAsync(HttpClient client, HttpMethod method, string path)
    {
        try
        {
            using HttpResponseMessage response = await client.SendAsync(new HttpRequestMessage(method, path));
            Assert.Fail($"{method} {path} was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        catch (HttpRequestException)
        {
            // The handshake or the connection was refused: the request never reached the API.
        }
    }

    private static async Task<OptionsValidationException> StartFailsAsync(string[] args, Dictionary<string, string?> settings) =>
        await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using WebApplication app = OrdererHost.Build(OrdererHost.CreateBuilder(args, settings));
            await app.StartAsync();
        });

    private Dictionary<string, string?> Settings()
    {
        string msp = TestMspFolder.Write(_scratch.Sub("msp-" + Guid.NewGuid().ToString("N")), _channel.NewOrdererIdentity(1));
        int[] ports = FreePorts.Take(2);
        return new Dictionary<string, string?>
        {
            ["Orderer:ListenAddress"] = $"127.0.0.1:{ports[0]}",
            ["Orderer:AdminListenAddress"] = $"127.0.0.1:{ports[1]}",
            ["Orderer:DataDir"] = _scratch.Sub("data-" + Guid.NewGuid().ToString("N")),
            ["Orderer:MspDir"] = msp,
            ["Orderer:MspId"] = "OrdererMSP",
            ["Orderer:KafkaBootstrapServers"] = NoKafka,
        };
    }
}
