using System.CommandLine;
using System.Text.Json.Nodes;
using Fabricish.Channels.Config;
using Fabricish.Channels.Genesis;
using Fabricish.Cli.Connection;
using Fabricish.Cli.Orderer;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Cli.Channel;

/// <summary>
/// <c>fabricish channel create</c>: how a Fabric v2.5 channel is created without a system channel — configtxgen's
/// <c>-outputBlock</c> from a profile, then <c>osnadmin channel join</c> on every listed orderer. The genesis block is
/// also written to a file for the peers to join with.
/// </summary>
internal static class CreateCommand
{
    public static Command Create()
    {
        Option<string> channel = ChannelOptions.Channel();
        var profile = new Option<string?>("--profile") { Description = "The profile under Profiles to use; optional when the file defines exactly one." };
        var configtx = new Option<FileInfo>("--configtx", "--config")
        {
            Description = "configtx.yaml (Organizations, Orderer, Application, Profiles), e.g. samples/network/channel.yaml.",
            Required = true,
        };
        var crypto = new Option<DirectoryInfo?>("--crypto") { Description = "Folder that relative MSPDir paths resolve against (the output of 'fabricish crypto generate'); default: the configtx file's folder." };
        var orderers = new Option<string[]>("--orderer", "-o")
        {
            Description = "Orderer admin endpoints (channel participation API) to join, host:port; comma-separated or repeated.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var block = new Option<FileInfo?>("--output-block", "--outputBlock") { Description = "Where to write the genesis block; default {channel}.block." };
        Option<string> output = OutputOption.Create();
        var command = new Command("create", "Create a channel: its genesis block from a profile, joined by every listed orderer.")
        {
            channel, profile, configtx, crypto, orderers, block, output,
        };
        var tls = new AdminTlsOptions();
        tls.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string channelId = parse.GetRequiredValue(channel);
            string[] addresses = [.. parse.GetRequiredValue(orderers).SelectMany(o => o.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
            if (addresses.Length == 0)
            {
                return CommandFailure.Fail(parse, "create", "at least one orderer admin endpoint is required (--orderer)");
            }

            ConfigResult<Block> genesis = GenesisFromProfile.Build(
                parse.GetRequiredValue(configtx).FullName, parse.GetValue(profile), channelId, parse.GetValue(crypto)?.FullName);
            if (!genesis.IsOk)
            {
                return CommandFailure.Fail(parse, "create", genesis.Error!);
            }

            FileInfo blockFile = parse.GetValue(block) ?? new FileInfo($"{channelId}.block");
            if (blockFile.Directory is { Exists: false } dir)
            {
                dir.Create();
            }

            byte[] bytes = genesis.Value!.ToByteArray();
            await File.WriteAllBytesAsync(blockFile.FullName, bytes, cancellationToken).ConfigureAwait(false);
            CommandFailure.Progress(parse, $"wrote the genesis block of channel {channelId} to {blockFile.FullName}");

            var joins = new JsonArray();
            int failed = 0;
            for (int i = 0; i < addresses.Length; i++)
            {
                CommandFailure.Progress(parse, $"[{i + 1}/{addresses.Length}] joining orderer {addresses[i]} to {channelId}");
                (AdminAnswer answer, string? error) = await JoinAsync(addresses[i], tls.From(parse), bytes, cancellationToken).ConfigureAwait(false);
                string? problem = error ?? (answer.IsSuccess ? null : answer.StatusCode == 0 ? answer.Error : $"the orderer answered {answer.StatusCode}: {answer.Error}");
                if (problem is not null)
                {
                    failed++;
                    CommandFailure.Fail(parse, "create", $"orderer {addresses[i]} did not join: {problem}");
                }

                joins.Add(new JsonObject
                {
                    ["orderer"] = addresses[i],
                    ["status"] = answer.StatusCode,
                    ["joined"] = problem is null,
                    ["error"] = problem,
                });
            }

            TextWriter stdout = parse.InvocationConfiguration.Output;
            if (parse.GetValue(output) == OutputOption.Json)
            {
                await stdout.WriteLineAsync(new JsonObject { ["channel"] = channelId, ["block"] = blockFile.FullName, ["orderers"] = joins }.ToJsonString()).ConfigureAwait(false);
            }
            else
            {
                await stdout.WriteLineAsync($"{"ORDERER",-30} {"STATUS",-6} RESULT").ConfigureAwait(false);
                foreach (JsonNode? join in joins)
                {
                    string result = (bool)join!["joined"]! ? "joined" : (string)join["error"]!;
                    await stdout.WriteLineAsync($"{(string)join["orderer"]!,-30} {(int)join["status"]!,-6} {result}").ConfigureAwait(false);
                }
            }

            if (failed > 0)
            {
                return CommandFailure.Fail(parse, "create", $"{failed} of {addresses.Length} orderers did not join channel {channelId}; the genesis block is in {blockFile.FullName}: retry with 'fabricish orderer join --channel {channelId} --genesis {blockFile.Name} -o <admin endpoint> --ca-file <TLS CA> --client-cert <admin TLS cert> --client-key <key>'");
            }

            return 0;
        });
        return command;
    }

    private static async Task<(AdminAnswer Answer, string? Error)> JoinAsync(string address, AdminTls tls, byte[] block, CancellationToken cancellationToken)
    {
        using ParticipationClient? client = ParticipationClient.TryCreate(address, tls, out string? error);
        return client is null
            ? (new AdminAnswer(0, string.Empty, error), error)
            : (await client.JoinAsync(block, cancellationToken).ConfigureAwait(false), null);
    }
}
