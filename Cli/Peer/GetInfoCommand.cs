using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fabricish.Cli.Channel;
using Fabricish.Cli.Connection;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Cli.Peer;

/// <summary><c>fabricish channel getinfo -c ch</c> (also under <c>peer channel</c>): Fabric's <c>peer channel
/// getinfo</c>, qscc GetChainInfo on the peer: the channel's height and the hashes of its newest block and the one
/// before, printed as Fabric prints them (<c>Blockchain info: {...}</c>, empty fields left out) or as JSON alone.</summary>
internal static class GetInfoCommand
{
    // Base64 hashes printed as they are, not with '+' escaped as \u002B.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="group">The command group it is registered under: <c>peer channel</c> or <c>channel</c>.</param>
    public static Command Create(string group)
    {
        var connection = new ConnectionOptions();
        Option<string> channel = ChannelOptions.Channel();
        Option<string> output = OutputOption.Create();
        var command = new Command("getinfo", "Show the peer's height of a channel and its current and previous block hashes (qscc GetChainInfo).") { channel, output };
        connection.AddTo(command);
        string name = group + " getinfo";
        command.SetAction(async (parse, cancellationToken) =>
        {
            string channelId = parse.GetRequiredValue(channel);
            var (response, error) = await SystemChaincodeCall.CallAsync(
                connection.Resolver(parse), HeaderType.EndorserTransaction, "qscc", [ByteString.CopyFromUtf8("GetChainInfo"), ByteString.CopyFromUtf8(channelId)], cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                return PeerCommand.Fail(parse, name, error!);
            }

            if (response.Status != 200)
            {
                return PeerCommand.Fail(parse, name, $"received bad response, status {response.Status}: {response.Message}");
            }

            BlockchainInfo info;
            try
            {
                info = BlockchainInfo.Parser.ParseFrom(response.Payload);
            }
            catch (InvalidProtocolBufferException e)
            {
                return PeerCommand.Fail(parse, name, $"the peer's answer is not a BlockchainInfo: {e.Message}");
            }

            // Go's encoding/json of Fabric's BlockchainInfo: omitempty on every field, bytes as base64.
            var json = new JsonObject();
            if (info.Height != 0)
            {
                json["height"] = info.Height;
            }

            if (!info.CurrentBlockHash.IsEmpty)
            {
                json["currentBlockHash"] = info.CurrentBlockHash.ToBase64();
            }

            if (!info.PreviousBlockHash.IsEmpty)
            {
                json["previousBlockHash"] = info.PreviousBlockHash.ToBase64();
            }

            string text = json.ToJsonString(Relaxed);
            await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(output) == OutputOption.Json ? text : $"Blockchain info: {text}").ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
