using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Fabricish.Network.Tests.Up;
using Fabricish.Testing.Infra;

namespace Fabricish.Network.Tests;

/// <summary>What <c>./fabricish up|status|down</c> say when they cannot act, before anything is started.</summary>
public sealed class UpRefusalTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Up_refuses_a_port_in_use_naming_it_and_starts_nothing()
    {
        using var scratch = new ScratchDirectory("network-refusal");
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        // The block starts at the taken port, whose listener is orderer0's.
        string runDir = Path.Combine(scratch.FullPath, "run");

        ScriptResult up = await FabricishScript.RunAsync(Timeout, "up", "--run-dir", runDir, "--base-port", port.ToString(CultureInfo.InvariantCulture));

        Assert.False(up.Succeeded, up.ToString());
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"ports in use: orderer0={port}"), up.Output, StringComparison.Ordinal);
        Assert.Empty(UpNetworkFixture.RecordedPids(runDir));
        Assert.False(File.Exists(Path.Combine(runDir, "network.env")), "up recorded a network it did not start");
    }

    [Theory]
    [InlineData("--base-port", "abc", "--base-port must be a port number")]
    [InlineData("--channel", "My_Channel", "--channel must be a lower-case channel name")]
    [InlineData("--clean", null, "up: unknown option '--clean'")]
    [InlineData("--block-size", "0", "--block-size must be the channel's BatchSize.MaxMessageCount, 1 to 9999 transactions (got '0')")]
    public async Task Up_rejects_a_bad_option_with_a_message_naming_it(string option, string? value, string message)
    {
        string[] args = value is null ? ["up", option] : ["up", option, value];

        ScriptResult up = await FabricishScript.RunAsync(Timeout, args);

        Assert.False(up.Succeeded, up.ToString());
        Assert.Contains(message, up.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_and_down_of_a_folder_without_a_network_say_so()
    {
        using var scratch = new ScratchDirectory("network-none");

        ScriptResult status = await FabricishScript.RunAsync(Timeout, "status", "--run-dir", scratch.FullPath);
        ScriptResult down = await FabricishScript.RunAsync(Timeout, "down", "--run-dir", scratch.FullPath);

        Assert.False(status.Succeeded, status.ToString());
        Assert.Contains("no network in " + scratch.FullPath, status.Output, StringComparison.Ordinal);
        Assert.True(down.Succeeded, down.ToString());
        Assert.Contains("nothing to stop", down.Output, StringComparison.Ordinal);
    }
}
