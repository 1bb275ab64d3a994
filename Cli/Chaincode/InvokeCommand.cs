using System.CommandLine;
using System.Text.Json.Nodes;
using Fabricish.Channels.Config;
using Fabricish.Cli.Connection;
using Fabricish.Client;

namespace Fabricish.Cli.Chaincode;

/// <summary><c>fabricish chaincode invoke</c>: endorse through the peer's gateway, submit to the orderers and, unless
/// <c>--async</c>, wait for the commit and report its validation code (exit 1 unless VALID).</summary>
internal static class InvokeCommand
{
    public static Command Create()
    {
        var options = new ChaincodeOptions();
        var async = new Option<bool>("--async") { Description = "Return once the orderers accept the transaction, without waiting for the commit." };
        var waitTimeout = new Option<string>("--waitForEventTimeout")
        {
            Description = "How long to wait for the commit (Go duration, e.g. 30s, 2m).",
            DefaultValueFactory = _ => "30s",
        };
        var command = new Command("invoke", "Invoke a chaincode function: endorse, order, and wait for the commit.") { async, waitTimeout };
        options.AddTo(command);
        IgnoredOrdererOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!GoDuration.TryParse(parse.GetRequiredValue(waitTimeout), out TimeSpan timeout) || timeout < TimeSpan.Zero)
            {
                return ChaincodeCommand.Fail(parse, "invoke", $"--waitForEventTimeout '{parse.GetValue(waitTimeout)}' is not a duration such as 30s or 2m");
            }

            var call = ChaincodeCtor.TryParse(parse.GetRequiredValue(options.Ctor), parse.GetValue(options.Transient), out string? error);
            if (call is not { } parsed)
            {
                return ChaincodeCommand.Fail(parse, "invoke", error!);
            }

            var invocation = (parsed.Function, Options: new ProposalOptions
            {
                Arguments = parsed.Options.Arguments,
                TransientData = parsed.Options.TransientData,
                EndorsingOrganizations = parse.GetValue(options.EndorsingOrganizations) ?? [],
            });

            using GatewaySession? session = GatewaySession.Open(options.Connection.Resolver(parse), timeout, out error);
            if (session is null)
            {
                return ChaincodeCommand.Fail(parse, "invoke", error!);
            }

            string channel = parse.GetRequiredValue(options.Channel);
            string name = parse.GetRequiredValue(options.Name);
            TextWriter progress = parse.InvocationConfiguration.Error;
            Contract contract = session.Gateway.GetNetwork(channel).GetContract(name);
            try
            {
                Proposal proposal = contract.NewProposal(invocation.Function, invocation.Options);
                await progress.WriteLineAsync($"Endorsing {invocation.Function} of {name} on {channel} through the gateway at {session.Peer} (txid {proposal.TransactionId})...").ConfigureAwait(false);
                Transaction transaction = await proposal.EndorseAsync(cancellationToken).ConfigureAwait(false);
                SubmittedTransaction submitted = await transaction.SubmitAsync(cancellationToken).ConfigureAwait(false);
                if (parse.GetValue(async))
                {
                    await Print(parse, options, submitted, null).ConfigureAwait(false);
                    return 0;
                }

                await progress.WriteLineAsync($"Waiting up to {timeout.TotalSeconds:0.#} s for transaction {submitted.TransactionId} to commit...").ConfigureAwait(false);
                Status status = await submitted.GetStatusAsync(cancellationToken).ConfigureAwait(false);
                await Print(parse, options, submitted, status).ConfigureAwait(false);
                return status.Successful
                    ? 0
                    : ChaincodeCommand.Fail(parse, "invoke", $"transaction {status.TransactionId} was invalidated with status ({ValidationCodes.Name(status.Code)}) in block {status.BlockNumber}");
            }
            catch (GatewayException e)
            {
                return ChaincodeCommand.Fail(parse, "invoke", GatewayFailure.Describe(e, session.Peer));
            }
        });
        return command;
    }

    private static async Task Print(ParseResult parse, ChaincodeOptions options, SubmittedTransaction submitted, Status? status)
    {
        TextWriter output = parse.InvocationConfiguration.Output;
        if (options.IsJson(parse))
        {
            JsonObject json = PayloadJson.Describe(submitted.TransactionId, submitted.ResponseStatus, submitted.ResponseMessage, submitted.Result);
            if (status is not null)
            {
                json["validationCode"] = ValidationCodes.Name(status.Code);
                json["blockNumber"] = status.BlockNumber;
            }

            await output.WriteLineAsync(json.ToJsonString()).ConfigureAwait(false);
            return;
        }

        if (status is null || status.Successful)
        {
            await output.WriteLineAsync($"Chaincode invoke successful. result: {ResponseText.Format(submitted.ResponseStatus, submitted.ResponseMessage, submitted.Result)}").ConfigureAwait(false);
        }

        await output.WriteLineAsync($"txid: {submitted.TransactionId}").ConfigureAwait(false);
        if (status is not null)
        {
            await output.WriteLineAsync($"validation code: {ValidationCodes.Name(status.Code)}, block: {status.BlockNumber}").ConfigureAwait(false);
        }
    }
}
