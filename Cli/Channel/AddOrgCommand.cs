using System.CommandLine;
using System.Globalization;
using Fabricish.Channels.Config;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Cli.Channel;

/// <summary>
/// <c>fabricish channel update-config add-org</c>: Fabric's "add an org to a channel" tutorial in one step — the
/// current config (from the orderer, or a block fetched with <c>channel fetch config</c>), the new org's group as
/// <c>configtxgen -printOrg</c> makes it, <c>configtxlator compute_update</c>, and the CONFIG_UPDATE envelope around
/// it, unsigned.
/// </summary>
internal static class AddOrgCommand
{
    public static Command Create()
    {
        Option<string> channel = ChannelOptions.Channel();
        var orgName = new Option<string>("--org-name") { Description = "The organization's name: its group under /Channel/Application.", Required = true };
        var mspId = new Option<string>("--msp-id") { Description = "The new organization's MSP ID.", Required = true };
        var mspDir = new Option<DirectoryInfo>("--msp-dir") { Description = "The new organization's MSP folder (cacerts, admincerts or config.yaml NodeOUs, tlscacerts).", Required = true };
        var anchorPeers = new Option<string[]>("--anchor-peer") { Description = "An anchor peer of the new organization, host:port; repeatable.", AllowMultipleArgumentsPerToken = false };
        var orderer = new OrdererOptions();
        var configBlock = new Option<FileInfo?>("--config-block") { Description = "The channel's current config block (from 'channel fetch config') instead of fetching it." };
        var output = new Option<FileInfo>("--output", "-f") { Description = "Where to write the unsigned CONFIG_UPDATE envelope.", Required = true };
        Option<TimeSpan> timeout = ChannelOptions.Timeout(30);
        var signer = new ClientIdentityOptions("signer-");
        var command = new Command("add-org", "Compute the config update that adds an application organization to a channel.")
        {
            channel, orgName, mspId, mspDir, anchorPeers, configBlock, output, timeout,
        };
        orderer.AddTo(command);
        signer.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string channelId = parse.GetRequiredValue(channel);
            string name = parse.GetRequiredValue(orgName);
            string id = parse.GetRequiredValue(mspId);
            List<AnchorPeer> anchors = [];
            foreach (string anchor in parse.GetValue(anchorPeers) ?? [])
            {
                if (ParseAnchor(anchor) is not { } parsed)
                {
                    return CommandFailure.Fail(parse, "update-config add-org", $"--anchor-peer '{anchor}' is not host:port");
                }

                anchors.Add(parsed);
            }

            (Block? block, string? error) = await CurrentConfigBlockAsync(parse, parse.GetValue(configBlock), orderer, signer, channelId, parse.GetValue(timeout), cancellationToken).ConfigureAwait(false);
            ConfigEnvelope? current = block is null ? null : ConfigBlockReader.Read(block, out error);
            if (current is null)
            {
                return CommandFailure.Fail(parse, "update-config add-org", error!);
            }

            Config original = current.Config;
            if (!original.ChannelGroup.Groups.TryGetValue(ConfigKeys.ApplicationGroup, out ConfigGroup? application))
            {
                return CommandFailure.Fail(parse, "update-config add-org", $"channel {channelId} has no Application group to add an organization to");
            }

            if (application.Groups.ContainsKey(name))
            {
                return CommandFailure.Fail(parse, "update-config add-org", $"organization {name} is already a member of channel {channelId}");
            }

            if (ChannelConfig.FromEnvelope(current, channelId) is { IsOk: true } parsedConfig && parsedConfig.Value!.Msps.MspIds.Contains(id))
            {
                return CommandFailure.Fail(parse, "update-config add-org", $"MSP ID {id} is already defined on channel {channelId}");
            }

            ConfigResult<ConfigGroup> org = OrgGroupBuilder.Build(id, parse.GetRequiredValue(mspDir).FullName, anchors);
            if (!org.IsOk)
            {
                return CommandFailure.Fail(parse, "update-config add-org", org.Error!);
            }

            Config updated = original.Clone();
            updated.ChannelGroup.Groups[ConfigKeys.ApplicationGroup].Groups[name] = org.Value!;
            ConfigUpdate? update = ConfigUpdateComputer.Compute(channelId, original, updated, out error);
            if (update is null)
            {
                return CommandFailure.Fail(parse, "update-config add-org", error!);
            }

            FileInfo target = parse.GetRequiredValue(output);
            if (target.Directory is { Exists: false } dir)
            {
                dir.Create();
            }

            await File.WriteAllBytesAsync(target.FullName, ConfigTx.Unsigned(update).ToByteArray(), cancellationToken).ConfigureAwait(false);
            string policy = application.ModPolicy.StartsWith('/') ? application.ModPolicy : $"/Channel/Application/{application.ModPolicy}";
            TextWriter stdout = parse.InvocationConfiguration.Output;
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"computed the update adding {name} ({id}) to channel {channelId} at config sequence {original.Sequence} (block {block!.Header.Number})")).ConfigureAwait(false);
            await stdout.WriteLineAsync($"wrote the unsigned CONFIG_UPDATE envelope to {target.FullName}").ConfigureAwait(false);
            await stdout.WriteLineAsync($"it must be signed by enough admins to satisfy {policy}: 'fabricish channel signconfigtx -f {target.Name}' per admin, then 'fabricish channel update -f {target.Name} -c {channelId} -o <orderer>'").ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    /// <summary>The config block named by --config-block, or else fetched from the orderer (-o or the profile's).</summary>
    private static async Task<(Block? Block, string? Error)> CurrentConfigBlockAsync(
        ParseResult parse, FileInfo? file, OrdererOptions orderer, ClientIdentityOptions signer, string channelId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (file is not null)
        {
            if (parse.GetValue(orderer.Address) is not null)
            {
                return (null, "give either --orderer to fetch the channel's current config or --config-block with a block from 'channel fetch config', not both");
            }

            if (!file.Exists)
            {
                return (null, $"{file.FullName} does not exist");
            }

            try
            {
                return (Block.Parser.ParseFrom(await File.ReadAllBytesAsync(file.FullName, cancellationToken).ConfigureAwait(false)), null);
            }
            catch (InvalidProtocolBufferException e)
            {
                return (null, $"{file.FullName} is not a block: {e.Message}");
            }
        }

        using OrdererClient? client = orderer.Connect(parse, signer, out string? error);
        if (client is null)
        {
            return (null, $"{error} (or give --config-block with a block from 'channel fetch config')");
        }

        using SigningIdentity? identity = signer.Load(parse, out error);
        if (identity is null)
        {
            return (null, $"fetching the current config: {error}");
        }

        CommandFailure.Progress(parse, $"fetching the config block of channel {channelId} from {client.Address}");
        return await new ChannelBlocks(client, identity, channelId, timeout).ConfigAsync(cancellationToken).ConfigureAwait(false);
    }

    private static AnchorPeer? ParseAnchor(string text)
    {
        int colon = text.LastIndexOf(':');
        return colon > 0 && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is > 0 and < 65536
            ? new AnchorPeer { Host = text[..colon], Port = port }
            : null;
    }
}
