using System.CommandLine;
using Fabricish.Channels.Policies;
using Fabricish.Cli.Connection;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Cli.Lifecycle;

/// <summary>The switches naming a chaincode definition, with Fabric's names: <c>-C/--channelID</c>, <c>-n/--name</c>,
/// <c>-v/--version</c>, <c>--sequence</c>, <c>--package-id</c>, <c>--signature-policy</c>,
/// <c>--channel-config-policy</c>, <c>--init-required</c>, <c>--collections-config</c>, <c>-E/--endorsement-plugin</c>, <c>-V/--validation-plugin</c>.</summary>
internal sealed class DefinitionOptions(bool withPackageId)
{
    public Option<string> Channel { get; } = new("--channelID", "-C") { Description = "The channel.", Required = true };

    public Option<string> Name { get; } = new("--name", "-n") { Description = "The chaincode's name." };

    public Option<string> Version { get; } = new("--version", "-v") { Description = "The chaincode's version." };

    public Option<long> Sequence { get; } = new("--sequence") { Description = "The definition's sequence number: 1 for the first definition, one more for each update." };

    public Option<string> PackageId { get; } = new("--package-id") { Description = "The installed package this organization runs for the chaincode (from queryinstalled)." };

    public Option<string> SignaturePolicy { get; } = new("--signature-policy") { Description = "The endorsement policy, e.g. \"AND('Org1MSP.peer','Org2MSP.peer')\"." };

    public Option<string> ChannelConfigPolicy { get; } = new("--channel-config-policy") { Description = "The endorsement policy as a channel config policy reference, e.g. /Channel/Application/Endorsement." };

    public Option<bool> InitRequired { get; } = new("--init-required") { Description = "Whether Init must be invoked before other transactions." };

    public Option<string> EndorsementPlugin { get; } = new("--endorsement-plugin", "-E") { Description = "The endorsement plugin; escc unless given." };

    public Option<string> ValidationPlugin { get; } = new("--validation-plugin", "-V") { Description = "The validation plugin; vscc unless given." };

    public Option<string> CollectionsConfig { get; } = new("--collections-config") { Description = "The file holding the private data collections (Fabric's JSON array of name, policy, requiredPeerCount, maxPeerCount, blockToLive, memberOnlyRead, memberOnlyWrite, endorsementPolicy)." };

    public ConnectionOptions Connection { get; } = new();

    public Option<string> Output { get; } = OutputOption.Create();

    public void AddTo(Command command)
    {
        command.Options.Add(Channel);
        command.Options.Add(Name);
        command.Options.Add(Version);
        command.Options.Add(Sequence);
        if (withPackageId)
        {
            command.Options.Add(PackageId);
        }

        command.Options.Add(SignaturePolicy);
        command.Options.Add(ChannelConfigPolicy);
        command.Options.Add(InitRequired);
        command.Options.Add(EndorsementPlugin);
        command.Options.Add(ValidationPlugin);
        command.Options.Add(CollectionsConfig);
        command.Options.Add(Output);
        Connection.AddTo(command);
    }

    public bool IsJson(ParseResult parse) => parse.GetValue(Output) == OutputOption.Json;

    /// <returns>The definition, or null with <paramref name="error"/> in Fabric's words for a missing parameter.</returns>
    public ChaincodeDefinition? TryBuild(ParseResult parse, out string? error)
    {
        string? name = parse.GetValue(Name);
        string? version = parse.GetValue(Version);
        long sequence = parse.GetValue(Sequence);
        error = string.IsNullOrEmpty(name) ? "The required parameter 'name' is empty. Rerun the command with -n flag"
            : string.IsNullOrEmpty(version) ? "The required parameter 'version' is empty. Rerun the command with -v flag"
            : sequence <= 0 ? "The required parameter 'sequence' is empty. Rerun the command with --sequence flag"
            : null;
        if (error is not null)
        {
            return null;
        }

        ByteString? parameter = ValidationParameter(parse.GetValue(SignaturePolicy), parse.GetValue(ChannelConfigPolicy), out error);
        if (parameter is null)
        {
            return null;
        }

        CollectionConfigPackage? collections = null;
        if (parse.GetValue(CollectionsConfig) is { Length: > 0 } collectionsFile)
        {
            collections = Lifecycle.CollectionsConfig.FromFile(collectionsFile, out error);
            if (collections is null)
            {
                return null;
            }
        }

        return new ChaincodeDefinition(
            name!,
            version!,
            sequence,
            parse.GetValue(EndorsementPlugin) is { Length: > 0 } endorsement ? endorsement : "escc",
            parse.GetValue(ValidationPlugin) is { Length: > 0 } validation ? validation : "vscc",
            parameter,
            parse.GetValue(InitRequired),
            withPackageId ? parse.GetValue(PackageId) : null,
            collections);
    }

    /// <summary>The marshalled ApplicationPolicy; empty when neither policy switch is given, so the peer applies the
    /// channel's default endorsement policy.</summary>
    private static ByteString? ValidationParameter(string? signaturePolicy, string? channelConfigPolicy, out string? error)
    {
        error = null;
        if (signaturePolicy is not null && channelConfigPolicy is not null)
        {
            error = "cannot specify both \"--signature-policy\" and \"--channel-config-policy\"";
            return null;
        }

        if (channelConfigPolicy is not null)
        {
            return new ApplicationPolicy { ChannelConfigPolicyReference = channelConfigPolicy }.ToByteString();
        }

        if (signaturePolicy is null)
        {
            return ByteString.Empty;
        }

        var parsed = PolicyParser.ParseSignaturePolicy(signaturePolicy);
        if (parsed.Value is null)
        {
            error = $"invalid signature policy {signaturePolicy}: {parsed.Error}";
            return null;
        }

        return new ApplicationPolicy { SignaturePolicy = parsed.Value }.ToByteString();
    }
}
