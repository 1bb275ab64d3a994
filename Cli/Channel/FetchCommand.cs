using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Fabricish.Channels.Msp;
using Fabricish.Cli.Connection;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Cli.Channel;

/// <summary><c>fabricish channel fetch newest|oldest|config|N [file]</c>: Fabric's <c>peer channel fetch</c>, a signed
/// Deliver seek for one block written to a file (default <c>{channel}_{which}.block</c>).</summary>
internal static class FetchCommand
{
    public static Command Create()
    {
        var which = new Argument<string>("which") { Description = "newest, oldest, config (the last config block) or a block number." };
        var file = new Argument<FileInfo?>("outputfile") { Description = "Where to write the block; default {channel}_{which}.block.", Arity = ArgumentArity.ZeroOrOne };
        Option<string> channel = ChannelOptions.Channel();
        var orderer = new OrdererOptions();
        Option<TimeSpan> timeout = ChannelOptions.Timeout(30);
        Option<string> output = OutputOption.Create();
        var identity = new ClientIdentityOptions();
        var command = new Command("fetch", "Fetch a block of a channel from the orderer and write it to a file.") { which, file, channel, timeout, output };
        orderer.AddTo(command);
        identity.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string what = parse.GetRequiredValue(which);
            string channelId = parse.GetRequiredValue(channel);
            ulong number = 0;
            if (what is not ("newest" or "oldest" or "config") && !ulong.TryParse(what, NumberStyles.None, CultureInfo.InvariantCulture, out number))
            {
                return CommandFailure.Fail(parse, "fetch", $"'{what}' is not newest, oldest, config or a block number");
            }

            using SigningIdentity? signer = identity.Load(parse, out string? error);
            if (signer is null)
            {
                return CommandFailure.Fail(parse, "fetch", error!);
            }

            using OrdererClient? client = orderer.Connect(parse, identity, out error);
            if (client is null)
            {
                return CommandFailure.Fail(parse, "fetch", error!);
            }

            var blocks = new ChannelBlocks(client, signer, channelId, parse.GetValue(timeout));
            (Block? block, error) = what switch
            {
                "newest" => await blocks.NewestAsync(cancellationToken).ConfigureAwait(false),
                "oldest" => await blocks.OldestAsync(cancellationToken).ConfigureAwait(false),
                "config" => await blocks.ConfigAsync(cancellationToken).ConfigureAwait(false),
                _ => await blocks.NumberAsync(number, cancellationToken).ConfigureAwait(false),
            };
            if (block is null)
            {
                return CommandFailure.Fail(parse, "fetch", error!);
            }

            FileInfo target = parse.GetValue(file) ?? new FileInfo($"{channelId}_{what}.block");
            if (target.Directory is { Exists: false } dir)
            {
                dir.Create();
            }

            await File.WriteAllBytesAsync(target.FullName, block.ToByteArray(), cancellationToken).ConfigureAwait(false);
            TextWriter stdout = parse.InvocationConfiguration.Output;
            if (parse.GetValue(output) == OutputOption.Json)
            {
                var json = new JsonObject { ["channel"] = channelId, ["number"] = block.Header.Number, ["file"] = target.FullName };
                await stdout.WriteLineAsync(json.ToJsonString()).ConfigureAwait(false);
            }
            else
            {
                await stdout.WriteLineAsync($"Received block: {block.Header.Number}").ConfigureAwait(false);
                await stdout.WriteLineAsync($"wrote block {block.Header.Number} of channel {channelId} to {target.FullName}").ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
