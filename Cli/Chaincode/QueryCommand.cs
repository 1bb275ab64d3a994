using System.CommandLine;
using Fabricish.Cli.Connection;
using Fabricish.Client;

namespace Fabricish.Cli.Chaincode;

/// <summary><c>fabricish chaincode query</c>: evaluate a function on a peer through its gateway and print the result;
/// nothing is ordered.</summary>
internal static class QueryCommand
{
    public static Command Create()
    {
        var options = new ChaincodeOptions();
        var command = new Command("query", "Query a chaincode function: evaluate it on a peer and print its result.");
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var call = ChaincodeCtor.TryParse(parse.GetRequiredValue(options.Ctor), parse.GetValue(options.Transient), out string? error);
            if (call is not { } invocation)
            {
                return ChaincodeCommand.Fail(parse, "query", error!);
            }

            using GatewaySession? session = GatewaySession.Open(options.Connection.Resolver(parse), TimeSpan.FromSeconds(30), out error);
            if (session is null)
            {
                return ChaincodeCommand.Fail(parse, "query", error!);
            }

            Contract contract = session.Gateway.GetNetwork(parse.GetRequiredValue(options.Channel)).GetContract(parse.GetRequiredValue(options.Name));
            try
            {
                Proposal proposal = contract.NewProposal(invocation.Function, invocation.Options);
                byte[] result = await proposal.EvaluateAsync(cancellationToken).ConfigureAwait(false);
                TextWriter output = parse.InvocationConfiguration.Output;
                if (options.IsJson(parse))
                {
                    await output.WriteLineAsync(PayloadJson.Describe(proposal.TransactionId, 200, string.Empty, result).ToJsonString()).ConfigureAwait(false);
                }
                else
                {
                    await output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(result)).ConfigureAwait(false);
                }

                return 0;
            }
            catch (GatewayException e)
            {
                return ChaincodeCommand.Fail(parse, "query", GatewayFailure.Describe(e, session.Peer));
            }
        });
        return command;
    }
}
