using System.CommandLine;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Cli.Peer;

/// <summary><c>fabricish peer channel join</c> and <c>fabricish channel join</c>: Fabric's <c>peer channel join</c>, sending the genesis block in a
/// cscc JoinChain proposal signed by an admin of the peer's organization.</summary>
internal static class JoinCommand
{
    /// <param name="group">The command group it is registered under: <c>peer channel</c> or <c>channel</c>.</param>
    public static Command Create(string group)
    {
        Option<string> peer = PeerCommand.PeerOption();
        var block = new Option<FileInfo>("--block", "-b", "--blockpath") { Description = "The channel's genesis block file.", Required = true };
        var mspDir = new Option<string>("--msp-dir") { Description = "The admin's MSP folder (signcerts, keystore); defaults to $CORE_PEER_MSPCONFIGPATH." };
        var mspId = new Option<string>("--msp-id") { Description = "The admin's MSP ID; defaults to $CORE_PEER_LOCALMSPID." };
        var command = new Command("join", "Join the peer to a channel from the channel's genesis block.") { peer, block, mspDir, mspId };
        string name = group + " join";
        command.SetAction(async (parse, cancellationToken) =>
        {
            FileInfo file = parse.GetRequiredValue(block);
            if (!file.Exists)
            {
                return PeerCommand.Fail(parse, name, $"{file.FullName} does not exist");
            }

            string? dir = parse.GetValue(mspDir) ?? Environment.GetEnvironmentVariable("CORE_PEER_MSPCONFIGPATH");
            string? id = parse.GetValue(mspId) ?? Environment.GetEnvironmentVariable("CORE_PEER_LOCALMSPID");
            if (string.IsNullOrEmpty(dir) || string.IsNullOrEmpty(id))
            {
                return PeerCommand.Fail(parse, name, "the admin identity is required: --msp-dir and --msp-id (or CORE_PEER_MSPCONFIGPATH and CORE_PEER_LOCALMSPID)");
            }

            byte[] bytes = await File.ReadAllBytesAsync(file.FullName, cancellationToken).ConfigureAwait(false);
            if (!IsBlock(bytes, out string? blockError))
            {
                return PeerCommand.Fail(parse, name, $"{file.FullName} is not a block: {blockError}");
            }

            SigningIdentity admin;
            try
            {
                admin = MspDirectory.LoadSigningIdentity(dir, id);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                return PeerCommand.Fail(parse, name, $"cannot load the admin identity from {dir}: {e.Message}");
            }

            using (admin)
            {
                using PeerAdminClient? client = PeerAdminClient.TryCreate(parse.GetRequiredValue(peer), out string? error);
                if (client is null)
                {
                    return PeerCommand.Fail(parse, name, error!);
                }

                byte[] proposal = JoinChainProposal.Create(admin, bytes, DateTimeOffset.UtcNow).ToByteArray();
                AdminAnswer answer = await client.JoinAsync(proposal, cancellationToken).ConfigureAwait(false);
                if (!answer.IsSuccess)
                {
                    return PeerCommand.Fail(parse, name, answer.StatusCode == 0 ? answer.Error! : $"the peer answered {answer.StatusCode}: {answer.Error}");
                }

                await parse.InvocationConfiguration.Output.WriteLineAsync("Successfully submitted proposal to join channel").ConfigureAwait(false);
                await parse.InvocationConfiguration.Output.WriteLineAsync(answer.Body).ConfigureAwait(false);
                return 0;
            }
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
