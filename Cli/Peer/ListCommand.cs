using System.CommandLine;
using System.Text.Json;

namespace Fabricish.Cli.Peer;

/// <summary><c>fabricish peer channel list</c>: Fabric's <c>peer channel list</c>, the channels the peer has joined,
/// one per line, each with its height and status.</summary>
internal static class ListCommand
{
    public static Command Create()
    {
        Option<string> peer = PeerCommand.PeerOption();
        var command = new Command("list", "List the channels the peer has joined.") { peer };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using PeerAdminClient? client = PeerAdminClient.TryCreate(parse.GetRequiredValue(peer), out string? error);
            if (client is null)
            {
                return PeerCommand.Fail(parse, "list", error!);
            }

            AdminAnswer answer = await client.ListAsync(cancellationToken).ConfigureAwait(false);
            if (!answer.IsSuccess)
            {
                return PeerCommand.Fail(parse, "list", answer.StatusCode == 0 ? answer.Error! : $"the peer answered {answer.StatusCode}: {answer.Error}");
            }

            TextWriter output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync("Channels peers has joined:").ConfigureAwait(false);
            try
            {
                using JsonDocument list = JsonDocument.Parse(answer.Body);
                foreach (JsonElement channel in list.RootElement.GetProperty("channels").EnumerateArray())
                {
                    await output.WriteLineAsync($"{channel.GetProperty("name").GetString()} (height {channel.GetProperty("height").GetUInt64()}, {channel.GetProperty("status").GetString()})").ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return PeerCommand.Fail(parse, "list", $"the peer's answer is not a channel list: {e.Message}");
            }

            return 0;
        });
        return command;
    }
}
