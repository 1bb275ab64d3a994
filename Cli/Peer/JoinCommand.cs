using System.CommandLine;
using Fabricish.Cli.Connection;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Cli.Peer;

/// <summary><c>fabricish peer channel join</c> and <c>fabricish channel join</c>: Fabric's <c>peer channel join</c>,
/// the genesis block in a cscc JoinChain proposal (CONFIG header, no channel) to the peer's Endorser service, signed by
/// an admin of the peer's organization.</summary>
internal static class JoinCommand
{
    /// <param name="group">The command group it is registered under: <c>peer channel</c> or <c>channel</c>.</param>
    public static Command Create(string group)
    {
        var connection = new ConnectionOptions();
        var block = new Option<FileInfo>("--block", "-b", "--blockpath") { Description = "The channel's genesis block file.", Required = true };
        var command = new Command("join", "Join the peer to a channel from the channel's genesis block (cscc JoinChain).") { block };
        connection.AddTo(command);
        string name = group + " join";
        command.SetAction(async (parse, cancellationToken) =>
        {
            FileInfo file = parse.GetRequiredValue(block);
            if (!file.Exists)
            {
                return PeerCommand.Fail(parse, name, $"{file.FullName} does not exist");
            }

            byte[] bytes = await File.ReadAllBytesAsync(file.FullName, cancellationToken).ConfigureAwait(false);
            if (!IsBlock(bytes, out string? blockError))
            {
                return PeerCommand.Fail(parse, name, $"{file.FullName} is not a block: {blockError}");
            }

            var (response, error) = await SystemChaincodeCall.CallAsync(
                connection.Resolver(parse), HeaderType.Config, "cscc", [ByteString.CopyFromUtf8("JoinChain"), ByteString.CopyFrom(bytes)], cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                return PeerCommand.Fail(parse, name, error!);
            }

            if (response.Status != 200)
            {
                return PeerCommand.Fail(parse, name, $"proposal failed (err: bad proposal response {response.Status}: {response.Message})");
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync("Successfully submitted proposal to join channel").ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static bool IsBlock(byte[] bytes, out string? error)
    {
        try
        {
            Block parsed = Block.Parser.ParseFrom(bytes);
            error = parsed.Header is null ? "it has no header" : null;
            return error is null;
        }
        catch (InvalidProtocolBufferException e)
        {
            error = e.Message;
            return false;
        }
    }
}
