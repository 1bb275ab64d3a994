using System.CommandLine;

namespace Fabricish.Cli.Orderer;

/// <summary><c>fabricish orderer remove</c>: <c>osnadmin channel remove</c>; the orderer deletes its ledger of the channel.</summary>
internal static class RemoveCommand
{
    public static Command Create()
    {
        Option<string> orderer = OrdererCommand.OrdererOption();
        Option<string> channel = OrdererCommand.ChannelOption(required: true);
        var command = new Command("remove", "Make the orderer stop serving a channel and delete its ledger.") { orderer, channel };
        var tls = new AdminTlsOptions();
        tls.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using ParticipationClient? client = ParticipationClient.TryCreate(parse.GetRequiredValue(orderer), tls.From(parse), out string? error);
            if (client is null)
            {
                return ParticipationOutput.Fail(parse, "remove", error!);
            }

            return ParticipationOutput.Report(parse, "remove", await client.RemoveAsync(parse.GetRequiredValue(channel), cancellationToken).ConfigureAwait(false));
        });
        return command;
    }
}
