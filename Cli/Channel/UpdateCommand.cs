using System.CommandLine;
using System.Text.Json.Nodes;
using Fabricish.Channels.Msp;
using Fabricish.Cli.Connection;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Cli.Channel;

/// <summary>
/// <c>fabricish channel update -f update.pb -c ch -o orderer</c>: Fabric's <c>peer channel update</c> — signs the update
/// as the submitting admin too, broadcasts it — then waits until the orderer cuts the config block carrying it. A
/// refusal is printed as the orderer words it (naming the policy that was not satisfied) with exit code 1.
/// </summary>
internal static class UpdateCommand
{
    public static Command Create()
    {
        var file = new Option<FileInfo>("--file", "-f") { Description = "The CONFIG_UPDATE envelope file (from update-config, signed with signconfigtx).", Required = true };
        Option<string> channel = ChannelOptions.Channel();
        var orderer = new OrdererOptions();
        Option<TimeSpan> timeout = ChannelOptions.Timeout(60);
        Option<string> output = OutputOption.Create();
        var identity = new ClientIdentityOptions();
        var command = new Command("update", "Sign and submit a channel config update, then wait for its config block.") { file, channel, timeout, output };
        orderer.AddTo(command);
        identity.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string channelId = parse.GetRequiredValue(channel);
            (Envelope? envelope, _, ConfigUpdateEnvelope? update, string? error) = await ConfigTxFile.ReadAsync(parse.GetRequiredValue(file), channelId, cancellationToken).ConfigureAwait(false);
            if (envelope is null)
            {
                return CommandFailure.Fail(parse, "update", error!);
            }

            using SigningIdentity? signer = identity.Load(parse, out error);
            if (signer is null)
            {
                return CommandFailure.Fail(parse, "update", error!);
            }

            using OrdererClient? client = orderer.Connect(parse, identity, out error);
            if (client is null)
            {
                return CommandFailure.Fail(parse, "update", error!);
            }

            TimeSpan wait = parse.GetValue(timeout);
            var blocks = new ChannelBlocks(client, signer, channelId, wait);
            (Block? newest, error) = await blocks.NewestAsync(cancellationToken).ConfigureAwait(false);
            if (newest is null)
            {
                return CommandFailure.Fail(parse, "update", error!);
            }

            Envelope signed = ConfigTx.SignAndWrap(channelId, update!, signer, DateTimeOffset.UtcNow);
            IReadOnlyList<string> signers = ConfigTx.Signers(ConfigUpdateEnvelope.Parser.ParseFrom(Payload.Parser.ParseFrom(signed.Payload).Data));
            CommandFailure.Progress(parse, $"submitting the config update for channel {channelId} to {client.Address}, signed by {string.Join(", ", signers)}");
            (Status status, string info) = await client.BroadcastAsync(signed, wait, cancellationToken).ConfigureAwait(false);
            if (status != Status.Success)
            {
                return CommandFailure.Fail(parse, "update", $"the orderer refused the config update: {status}: {info}");
            }

            CommandFailure.Progress(parse, $"accepted by the orderer; waiting up to {wait.TotalSeconds:0} s for the config block after block {newest.Header.Number}");
            (Block? configBlock, error) = await blocks.WaitForAsync(newest.Header.Number + 1, b => Carries(b, signed), cancellationToken).ConfigureAwait(false);
            if (configBlock is null)
            {
                return CommandFailure.Fail(parse, "update", $"the orderer accepted the update but cut no config block carrying it: {error}");
            }

            ulong sequence = ConfigBlockReader.Read(configBlock, out _)?.Config.Sequence ?? 0;
            TextWriter stdout = parse.InvocationConfiguration.Output;
            if (parse.GetValue(output) == OutputOption.Json)
            {
                var json = new JsonObject
                {
                    ["channel"] = channelId,
                    ["block"] = configBlock.Header.Number,
                    ["sequence"] = sequence,
                    ["signers"] = new JsonArray([.. signers.Select(s => (JsonNode)s)]),
                };
                await stdout.WriteLineAsync(json.ToJsonString()).ConfigureAwait(false);
            }
            else
            {
                await stdout.WriteLineAsync("Successfully submitted channel update").ConfigureAwait(false);
                await stdout.WriteLineAsync($"config block {configBlock.Header.Number} of channel {channelId} holds the update (config sequence {sequence})").ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }

    /// <summary>Whether <paramref name="block"/> is the config block the orderer made of <paramref name="submitted"/>:
    /// its CONFIG envelope names that very envelope as its last update.</summary>
    private static bool Carries(Block block, Envelope submitted)
    {
        ConfigEnvelope? config = ConfigBlockReader.Read(block, out _);
        return config?.LastUpdate is { } last && last.Signature.Equals(submitted.Signature) && last.Payload.Equals(submitted.Payload);
    }
}
