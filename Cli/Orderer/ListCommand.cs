using System.CommandLine;

namespace Fabricish.Cli.Orderer;

/// <summary><c>fabricish orderer list</c>: <c>osnadmin channel list</c>, all channels or one channel's details.</summary>
internal static class ListCommand
{
    public static Command Create()
    {
        Option<string> orderer = OrdererCommand.OrdererOption();
        Option<string> channel = OrdererCommand.ChannelOption(required: false);
        var command = new Command("list", "List the channels the orderer serves, or one channel's status and height.") { orderer, channel };
        var tls = new AdminTlsOptions();
        tls.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using ParticipationClient? client = ParticipationClient.TryCreate(parse.GetRequiredValue(orderer), tls.From(parse), out string? error);
            if (client is null)
            {
                return ParticipationOutput.Fail(parse, "list", error!);
            }

            return ParticipationOutput.Report(parse, "list", await client.ListAsync(parse.GetValue(channel), cancellationToken).ConfigureAwait(false));
        });
        return command;
    }
}
