using System.CommandLine;
using System.Text.Json;
using Fabricish.Cli.Connection;

namespace Fabricish.Cli.Peer;

/// <summary><c>fabricish peer channel list</c> and <c>fabricish channel list</c>: Fabric's <c>peer channel list</c>,
/// the channels the peer has joined, one per line with its height and status, or the peer's JSON list.</summary>
internal static class ListCommand
{
    /// <param name="group">The command group it is registered under: <c>peer channel</c> or <c>channel</c>.</param>
    public static Command Create(string group)
    {
        Option<string> peer = PeerCommand.PeerOption();
        Option<string> output = OutputOption.Create();
        var command = new Command("list", "List the channels the peer has joined, with their heights.") { peer, output };
        string name = group + " list";
        command.SetAction(async (parse, cancellationToken) =>
        {
            using PeerAdminClient? client = PeerAdminClient.TryCreate(parse.GetRequiredValue(peer), out string? error);
            if (client is null)
            {
                return PeerCommand.Fail(parse, name, error!);
            }

            AdminAnswer answer = await client.ListAsync(cancellationToken).ConfigureAwait(false);
            if (!answer.IsSuccess)
            {
                return PeerCommand.Fail(parse, name, answer.StatusCode == 0 ? answer.Error! : $"the peer answered {answer.StatusCode}: {answer.Error}");
            }

            TextWriter stdout = parse.InvocationConfiguration.Output;
            var lines = new List<string> { "Channels peers has joined:" };
            try
            {
                using JsonDocument list = JsonDocument.Parse(answer.Body);
                foreach (JsonElement channel in list.RootElement.GetProperty("channels").EnumerateArray())
                {
                    lines.Add($"{channel.GetProperty("name").GetString()} (height {channel.GetProperty("height").GetUInt64()}, {channel.GetProperty("status").GetString()})");
                }
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                return PeerCommand.Fail(parse, name, $"the peer's answer is not a channel list: {e.Message}");
            }

            if (parse.GetValue(output) == OutputOption.Json)
            {
                await stdout.WriteLineAsync(answer.Body).ConfigureAwait(false);
                return 0;
            }

            foreach (string line in lines)
            {
                await stdout.WriteLineAsync(line).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
