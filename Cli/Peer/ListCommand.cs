using System.CommandLine;
using Fabricish.Cli.Connection;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Cli.Peer;

/// <summary><c>fabricish peer channel list</c> and <c>fabricish channel list</c>: Fabric's <c>peer channel list</c>,
/// cscc GetChannels on the peer, printed as Fabric prints it, or the ChannelQueryResponse as JSON.</summary>
internal static class ListCommand
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true));

    /// <param name="group">The command group it is registered under: <c>peer channel</c> or <c>channel</c>.</param>
    public static Command Create(string group)
    {
        var connection = new ConnectionOptions();
        Option<string> output = OutputOption.Create();
        var command = new Command("list", "List the channels the peer has joined (cscc GetChannels).") { output };
        connection.AddTo(command);
        string name = group + " list";
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (response, error) = await SystemChaincodeCall.CallAsync(
                connection.Resolver(parse), HeaderType.EndorserTransaction, "cscc", [ByteString.CopyFromUtf8("GetChannels")], cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                return PeerCommand.Fail(parse, name, error!);
            }

            if (response.Status != 200)
            {
                return PeerCommand.Fail(parse, name, $"received bad response, status {response.Status}: {response.Message}");
            }

            ChannelQueryResponse channels;
            try
            {
                channels = ChannelQueryResponse.Parser.ParseFrom(response.Payload);
            }
            catch (InvalidProtocolBufferException e)
            {
                return PeerCommand.Fail(parse, name, $"the peer's answer is not a ChannelQueryResponse: {e.Message}");
            }

            TextWriter stdout = parse.InvocationConfiguration.Output;
            if (parse.GetValue(output) == OutputOption.Json)
            {
                await stdout.WriteLineAsync(Json.Format(channels)).ConfigureAwait(false);
                return 0;
            }

            await stdout.WriteLineAsync("Channels peers has joined: ").ConfigureAwait(false);
            foreach (ChannelInfo channel in channels.Channels)
            {
                await stdout.WriteLineAsync(channel.ChannelId).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
