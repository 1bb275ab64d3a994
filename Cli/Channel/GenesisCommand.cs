using System.CommandLine;
using Fabricish.Channels.Config;
using Fabricish.Channels.Genesis;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Cli.Channel;

/// <summary><c>fabricish channel genesis</c>: configtxgen's <c>-outputBlock</c> for an application channel.</summary>
internal static class GenesisCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config")
        {
            Description = "channel.yaml in configtx.yaml's vocabulary (Organizations, Orderer, Application, Profiles).",
            Required = true,
        };
        var profile = new Option<string?>("--profile")
        {
            Description = "The profile under Profiles to use; optional when the file defines exactly one or none.",
        };
        var channel = new Option<string>("--channel")
        {
            Description = "The channel name (lowercase letters, digits, '.' and '-').",
            Required = true,
        };
        var output = new Option<FileInfo>("--output")
        {
            Description = "Where to write the genesis block (protobuf common.Block).",
            Required = true,
        };
        var crypto = new Option<DirectoryInfo?>("--crypto")
        {
            Description = "Folder that relative MSPDir paths resolve against, e.g. the output of 'fabricish crypto generate'. "
                + "Default: the folder holding the --config file.",
        };
        var command = new Command("genesis", "Write the genesis block of an application channel from a channel profile.")
        {
            config, profile, channel, output, crypto,
        };
        command.SetAction(parse =>
        {
            TextWriter stdout = parse.InvocationConfiguration.Output;
            TextWriter stderr = parse.InvocationConfiguration.Error;
            FileInfo outFile = parse.GetRequiredValue(output);
            ConfigResult<Block> block = GenesisFromProfile.Build(
                parse.GetRequiredValue(config).FullName,
                parse.GetValue(profile),
                parse.GetRequiredValue(channel),
                parse.GetValue(crypto)?.FullName);
            if (!block.IsOk)
            {
                stderr.WriteLine($"fabricish channel genesis: {block.Error}");
                if (parse.GetValue(crypto) is null && block.Error!.Contains("could not load the MSP", StringComparison.Ordinal))
                {
                    stderr.WriteLine("hint: relative MSPDir paths resolve against the config file's folder; pass --crypto <dir> for the output of 'fabricish crypto generate'");
                }

                return 1;
            }

            if (outFile.Directory is { Exists: false } dir)
            {
                dir.Create();
            }

            File.WriteAllBytes(outFile.FullName, block.Value!.ToByteArray());
            stdout.WriteLine($"wrote genesis block of channel {parse.GetRequiredValue(channel)} to {outFile.FullName}");
            return 0;
        });
        return command;
    }
}
