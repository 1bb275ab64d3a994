using Fabricish.Channels.Msp;
using Fabricish.Cli.Tests.Channel;
using Fabricish.Orderer.Host;
using Fabricish.Testing;
using Fabricish.Testing.Infra;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Fabricish.Cli.Tests.Orderer;

/// <summary>osnadmin's <c>--ca-file</c>, <c>--client-cert</c> and <c>--client-key</c> against a real orderer whose
/// admin listener requires mutual TLS (no Kafka: a joined channel's chain just keeps retrying its brokers).</summary>
public sealed class OrdererAdminTlsCommandTests : IAsyncLifetime
{
    private readonly ScratchDirectory _scratch = new("cli-orderer-admin-tls");
    private readonly SampleChannel _channel = new("clitls");
    private OrdererAdminTls _tls = null!;
    private WebApplication _orderer = null!;
    private string _admin = null!;

    public async Task InitializeAsync()
    {
        _tls = OrdererAdminTls.Write(_scratch.Sub("tls"));
        int[] ports = FreePorts.Take(2);
        _admin = $"127.0.0.1:{ports[1]}";
        var settings = new Dictionary<string, string?>
        {
            ["Orderer:ListenAddress"] = $"127.0.0.1:{ports[0]}",
            ["Orderer:AdminListenAddress"] = _admin,
            ["Orderer:DataDir"] = _scratch.Sub("data"),
            ["Orderer:MspDir"] = TestMspFolder.Write(_scratch.Sub("msp"), _channel.OrdererOrg.Identity("orderer0.example.com", NodeRole.Orderer)),
            ["Orderer:MspId"] = _channel.OrdererOrg.MspId,
            ["Orderer:KafkaBootstrapServers"] = "127.0.0.1:9",
        };
        WebApplicationBuilder builder = OrdererHost.CreateBuilder([], settings.Concat(_tls.Settings));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        _orderer = OrdererHost.Build(builder);
        await _orderer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _orderer.StopAsync();
        await _orderer.DisposeAsync();
        _tls.Dispose();
        _channel.Dispose();
        _scratch.Dispose();
    }

    [Fact]
    public async Task Join_list_and_remove_present_the_orderer_org_admins_TLS_certificate()
    {
        string block = Path.Combine(_scratch.FullPath, "clitls.block");
        await File.WriteAllBytesAsync(block, _channel.Genesis.ToByteArray());

        CliRun.Outcome joined = await CliRun.RunAsync(["orderer", "join", "-c", "clitls", "-b", block, "-o", _admin, .. _tls.CliArguments]);
        CliRun.Outcome listed = await CliRun.RunAsync(["orderer", "list", "-o", _admin, .. _tls.CliArguments]);
        CliRun.Outcome removed = await CliRun.RunAsync(["orderer", "remove", "-c", "clitls", "-o", _admin, .. _tls.CliArguments]);

        Assert.True(joined.ExitCode == 0, joined.Stderr);
        Assert.StartsWith("Status: 201", joined.Stdout, StringComparison.Ordinal);
        Assert.True(listed.ExitCode == 0, listed.Stderr);
        Assert.Contains("\"clitls\"", listed.Stdout, StringComparison.Ordinal);
        Assert.True(removed.ExitCode == 0, removed.Stderr);
        Assert.StartsWith("Status: 204", removed.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_admin_certificate_the_orderer_is_not_reached_and_the_error_says_what_to_pass()
    {
        CliRun.Outcome plaintext = await CliRun.RunAsync("orderer", "list", "-o", _admin);
        CliRun.Outcome noClientCert = await CliRun.RunAsync("orderer", "list", "-o", _admin, "--ca-file", _tls.Server.CaFile);
        CliRun.Outcome keyWithoutCert = await CliRun.RunAsync("orderer", "list", "-o", _admin, "--ca-file", _tls.Server.CaFile, "--client-key", _tls.Admin.KeyFile);

        Assert.Equal(1, plaintext.ExitCode);
        Assert.Contains("requires TLS: pass --ca-file, --client-cert and --client-key", plaintext.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, noClientCert.ExitCode);
        Assert.Contains($"cannot reach https://{_admin}/", noClientCert.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, keyWithoutCert.ExitCode);
        Assert.Contains("--client-cert and --client-key go together", keyWithoutCert.Stderr, StringComparison.Ordinal);
    }
}
