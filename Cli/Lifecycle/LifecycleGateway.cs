using System.CommandLine;
using System.Text.Json.Nodes;
using Fabricish.Cli.Chaincode;
using Fabricish.Cli.Connection;
using Fabricish.Client;
using Google.Protobuf;

namespace Fabricish.Cli.Lifecycle;

/// <summary>_lifecycle calls on a channel through a peer's gateway: submitted definitions (approve, commit) wait for
/// their commit; queries are evaluated.</summary>
internal static class LifecycleGateway
{
    private static readonly TimeSpan CommitTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Endorses (by the session's own organization only when <paramref name="endorseByMyOrgOnly"/>, else as the
    /// channel's LifecycleEndorsement policy requires), submits and waits for the commit. Returns the exit code.</summary>
    public static async Task<int> SubmitAsync(
        ParseResult parse,
        string command,
        DefinitionOptions options,
        string function,
        IMessage arguments,
        bool endorseByMyOrgOnly,
        CancellationToken cancellationToken)
    {
        using GatewaySession? session = GatewaySession.Open(options.Connection.Resolver(parse), CommitTimeout, out string? error);
        if (session is null)
        {
            return LifecycleCommand.Fail(parse, command, error!);
        }

        string channel = parse.GetRequiredValue(options.Channel);
        Contract lifecycle = session.Gateway.GetNetwork(channel).GetContract(LifecyclePeer.Lifecycle);
        var proposalOptions = new ProposalOptions
        {
            Arguments = [arguments.ToByteArray()],
            EndorsingOrganizations = endorseByMyOrgOnly ? [session.MspId] : [],
        };
        TextWriter progress = parse.InvocationConfiguration.Error;
        try
        {
            Proposal proposal = lifecycle.NewProposal(function, proposalOptions);
            await progress.WriteLineAsync($"Endorsing {function} on {channel} through the gateway at {session.Peer} (txid {proposal.TransactionId})...").ConfigureAwait(false);
            Transaction transaction = await proposal.EndorseAsync(cancellationToken).ConfigureAwait(false);
            SubmittedTransaction submitted = await transaction.SubmitAsync(cancellationToken).ConfigureAwait(false);
            await progress.WriteLineAsync($"Waiting for transaction {submitted.TransactionId} to commit...").ConfigureAwait(false);
            Status status = await submitted.GetStatusAsync(cancellationToken).ConfigureAwait(false);
            string code = ValidationCodes.Name(status.Code);
            TextWriter output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync(options.IsJson(parse)
                ? new JsonObject { ["txId"] = status.TransactionId, ["validationCode"] = code, ["blockNumber"] = status.BlockNumber }.ToJsonString()
                : $"txid [{status.TransactionId}] committed with status ({code}) at {session.Peer}").ConfigureAwait(false);
            return status.Successful
                ? 0
                : LifecycleCommand.Fail(parse, command, $"transaction {status.TransactionId} was invalidated with status ({code}) in block {status.BlockNumber}");
        }
        catch (GatewayException e)
        {
            return LifecycleCommand.Fail(parse, command, GatewayFailure.Describe(e, session.Peer));
        }
    }

    /// <summary>Evaluates a _lifecycle query; the payload, or null after printing the error.</summary>
    public static async Task<byte[]?> EvaluateAsync(
        ParseResult parse,
        string command,
        ConnectionOptions connection,
        string channel,
        string function,
        IMessage arguments,
        CancellationToken cancellationToken)
    {
        using GatewaySession? session = GatewaySession.Open(connection.Resolver(parse), CommitTimeout, out string? error);
        if (session is null)
        {
            LifecycleCommand.Fail(parse, command, error!);
            return null;
        }

        Contract lifecycle = session.Gateway.GetNetwork(channel).GetContract(LifecyclePeer.Lifecycle);
        try
        {
            return await lifecycle.EvaluateTransactionAsync(function, new ProposalOptions { Arguments = [arguments.ToByteArray()] }, cancellationToken).ConfigureAwait(false);
        }
        catch (GatewayException e)
        {
            LifecycleCommand.Fail(parse, command, GatewayFailure.Describe(e, session.Peer));
            return null;
        }
    }
}
