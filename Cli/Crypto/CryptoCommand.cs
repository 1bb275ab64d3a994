using System.CommandLine;
using Fabricish.Channels.Crypto.Generation;

namespace Fabricish.Cli.Crypto;

/// <summary><c>fabricish crypto generate</c>: cryptogen-compatible certificates and keys for a network.</summary>
public static class CryptoCommand
{
    public static Command Create()
    {
        var crypto = new Command("crypto", "Create certificates and keys for organisations, nodes and users.");
        crypto.Subcommands.Add(CreateGenerate());
        return crypto;
    }

    private static Command CreateGenerate()
    {
        var config = new Option<FileInfo>("--config")
        {
            Description = "crypto config YAML in cryptogen's format (OrdererOrgs, PeerOrgs).",
            Required = true,
        };
        var output = new Option<DirectoryInfo>("--output")
        {
            Description = "folder to write ordererOrganizations/ and peerOrganizations/ into.",
            DefaultValueFactory = _ => new DirectoryInfo("crypto-config"),
        };
        var force = new Option<bool>("--force")
        {
            Description = "replace the material of organisations that already exist in the output folder.",
        };
        var generate = new Command("generate", "Generate CAs, MSPs and TLS material like cryptogen generate.");
        generate.Options.Add(config);
        generate.Options.Add(output);
        generate.Options.Add(force);
        generate.SetAction(parseResult =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            var configFile = parseResult.GetRequiredValue(config);
            var outputDir = parseResult.GetRequiredValue(output);
            if (!configFile.Exists)
            {
                stderr.WriteLine($"error: crypto config '{configFile.FullName}' does not exist");
                return 2;
            }

            var spec = CryptoSpecReader.Parse(File.ReadAllText(configFile.FullName));
            if (!spec.IsValid)
            {
                stderr.WriteLine($"error: {configFile.Name}: {spec.Error}");
                return 2;
            }

            var result = CryptoGenerator.Generate(spec.Orgs!, outputDir.FullName, parseResult.GetValue(force));
            if (!result.Succeeded)
            {
                stderr.WriteLine($"error: {result.Error}");
                return 1;
            }

            foreach (var org in spec.Orgs!)
            {
                stdout.WriteLine($"{org.Name}: {org.Domain} ({org.Nodes.Count} {(org.IsOrderer ? "orderers" : "peers")}, {org.Users.Count} users)");
            }

            stdout.WriteLine($"crypto material written to {outputDir.FullName}");
            return 0;
        });
        return generate;
    }
}
