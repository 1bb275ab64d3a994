using System.CommandLine;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Cli.Orderer;

/// <summary><c>fabricish orderer join</c>: <c>osnadmin channel join</c>, posting a genesis block to the orderer.</summary>
internal static class JoinCommand
{
    public static Command Create()
    {
        Option<string> orderer = OrdererCommand.OrdererOption();
        Option<string> channel = OrdererCommand.ChannelOption(required: true);
        var genesis = new Option<FileInfo>("--genesis", "-b", "--config-block") { Description = "The channel's genesis block file.", Required = true };
        var command = new Command("join", "Make the orderer serve a channel, starting from its genesis block.") { orderer, channel, genesis };
        var tls = new AdminTlsOptions();
        tls.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            FileInfo file = parse.GetRequiredValue(genesis);
            string channelId = parse.GetRequiredValue(channel);
            if (!file.Exists)
            {
                return ParticipationOutput.Fail(parse, "join", $"{file.FullName} does not exist");
            }

            byte[] bytes = await File.ReadAllBytesAsync(file.FullName, cancellationToken).ConfigureAwait(false);
            if (BlockChannelId(bytes, out string? error) is not { } blockChannel)
            {
                return ParticipationOutput.Fail(parse, "join", $"{file.FullName} is not a config block: {error}");
            }

            // As osnadmin: joining the wrong file is caught before the orderer is asked.
            if (!string.Equals(blockChannel, channelId, StringComparison.Ordinal))
            {
                return ParticipationOutput.Fail(parse, "join", $"specified --channel {channelId} does not match channel ID {blockChannel} in the config block");
            }

            using ParticipationClient? client = ParticipationClient.TryCreate(parse.GetRequiredValue(orderer), tls.From(parse), out error);
            if (client is null)
            {
                return ParticipationOutput.Fail(parse, "join", error!);
            }

            return ParticipationOutput.Report(parse, "join", await client.JoinAsync(bytes, cancellationToken).ConfigureAwait(false));
        });
        return command;
    }

    private static string? BlockChannelId(byte[] bytes, out string? error)
    {
        try
        {
            Block block = Block.Parser.ParseFrom(bytes);
            if (block.Data is null || block.Data.Data.Count == 0)
            {
                error = "it holds no envelope";
                return null;
            }

            Payload payload = Payload.Parser.ParseFrom(Envelope.Parser.ParseFrom(block.Data.Data[0]).Payload);
            ChannelHeader header = ChannelHeader.Parser.ParseFrom(payload.Header?.ChannelHeader ?? ByteString.Empty);
            error = header.ChannelId.Length == 0 ? "its envelope names no channel" : null;
            return error is null ? header.ChannelId : null;
        }
        catch (InvalidProtocolBufferException e)
        {
            error = e.Message;
            return null;
        }
    }
}
