using Fabricish.Testing;

namespace Fabricish.Cli.Tests.Channel;

/// <summary>The sample network's crypto material, generated once with <c>fabricish crypto generate</c> into a temp folder.</summary>
public sealed class SampleNetworkFixture : IAsyncLifetime
{
    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "fabricish-channel-cli-" + Guid.NewGuid().ToString("N"));

    public string Crypto => Path.Combine(Dir, "crypto");

    public static string ChannelYaml => Path.Combine(RepoPaths.Root, "samples", "network", "channel.yaml");

    public static string CryptoYaml => Path.Combine(RepoPaths.Root, "samples", "network", "crypto.yaml");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Dir);
        var generated = await CliRun.RunAsync("crypto", "generate", "--config", CryptoYaml, "--output", Crypto);
        if (generated.ExitCode != 0)
        {
            throw new InvalidOperationException($"crypto generate failed ({generated.ExitCode}): {generated.Stderr}");
        }
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Dir, recursive: true);
        return Task.CompletedTask;
    }
}
