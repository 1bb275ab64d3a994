using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Fabricish.Cli.Channel;
using Fabricish.Cli.Connection;

namespace Fabricish.Cli.Peer;

/// <summary><c>fabricish channel getinfo -c ch --peer addr</c> (also under <c>peer channel</c>): Fabric's
/// <c>peer channel getinfo</c>, the peer's height of the channel and the hashes of its newest block and the one before,
/// printed as Fabric prints them (<c>Blockchain info: {...}</c>) or as JSON alone.</summary>
internal static class GetInfoCommand
{
    // Base64 hashes printed as they are, not with '+' escaped as \u002B.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="group">The command group it is registered under: <c>peer channel</c> or <c>channel</c>.</param>
    public static Command Create(string group)
    {
        Option<string> peer = PeerCommand.PeerOption();
        Option<string> channel = ChannelOptions.Channel();
        Option<string> output = OutputOption.Create();
        var command = new Command("getinfo", "Show the peer's height of a channel and its current and previous block hashes.") { peer, channel, output };
        string name = group + " getinfo";
        command.SetAction(async (parse, cancellationToken) =>
        {
            using PeerAdminClient? client = PeerAdminClient.TryCreate(parse.GetRequiredValue(peer), out string? error);
            if (client is null)
            {
                return PeerCommand.Fail(parse, name, error!);
            }

            string channelId = parse.GetRequiredValue(channel);
            AdminAnswer answer = await client.InfoAsync(channelId, cancellationToken).ConfigureAwait(false);
            if (!answer.IsSuccess)
            {
                return PeerCommand.Fail(parse, name, answer.StatusCode == 0 ? answer.Error! : $"the peer answered {answer.StatusCode}: {answer.Error}");
            }

            string info;
            try
            {
                using JsonDocument json = JsonDocument.Parse(answer.Body);
                ulong height = json.RootElement.GetProperty("height").GetUInt64();
                string current = json.RootElement.GetProperty("currentBlockHash").GetString() ?? string.Empty;
                string previous = json.RootElement.GetProperty("previousBlockHash").GetString() ?? string.Empty;
                info = JsonSerializer.Serialize(new { height, currentBlockHash = current, previousBlockHash = previous }, Relaxed);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                return PeerCommand.Fail(parse, name, $"the peer's answer is not blockchain info: {e.Message}");
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(output) == OutputOption.Json ? info : $"Blockchain info: {info}").ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
