using System.CommandLine;
using Fabricish.Channels.Msp;
using Fabricish.Cli.Connection;

namespace Fabricish.Cli.Channel;

/// <summary>The signing identity a channel command acts as, resolved as every fabricish command resolves it:
/// <c>--msp-dir</c>/<c>--msp-id</c>, else Fabric's <c>CORE_PEER_MSPCONFIGPATH</c>/<c>CORE_PEER_LOCALMSPID</c>, else
/// the client organization of the connection profile (<c>--connection-profile</c> or its variable).</summary>
internal sealed class ClientIdentityOptions
{
    /// <param name="prefix">Put before the MSP option names (<c>--{prefix}msp-dir</c>) where a command's own
    /// <c>--msp-dir</c> means something else, as add-org's means the new organization's.</param>
    public ClientIdentityOptions(string prefix = "")
    {
        MspDir = new Option<string>($"--{prefix}msp-dir")
        {
            Description = $"The MSP folder (signcerts, keystore) of the identity to sign with; defaults to ${ConnectionResolver.MspDirVariable}.",
        };
        MspId = new Option<string>($"--{prefix}msp-id")
        {
            Description = $"That identity's MSP ID; defaults to ${ConnectionResolver.MspIdVariable}.",
        };
    }

    public Option<string> MspDir { get; }

    public Option<string> MspId { get; }

    public Option<string> Profile { get; } = new("--connection-profile")
    {
        Description = $"A Fabric connection profile (JSON) with the client identity and orderers; defaults to ${ConnectionResolver.ProfileVariable}.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(MspDir);
        command.Options.Add(MspId);
        command.Options.Add(Profile);
    }

    /// <summary>The connection settings as given, for the resolver; <paramref name="orderer"/> adds the orderer's.</summary>
    public ConnectionResolver Resolver(ParseResult parse, OrdererOptions? orderer = null) => new(
        new ConnectionFlags(
            ProfilePath: parse.GetValue(Profile),
            MspDir: parse.GetValue(MspDir),
            MspId: parse.GetValue(MspId),
            Orderer: orderer is null ? null : parse.GetValue(orderer.Address),
            OrdererTlsCaFile: orderer is null ? null : parse.GetValue(orderer.CaFile),
            OrdererServerNameOverride: orderer is null ? null : parse.GetValue(orderer.ServerNameOverride)),
        CliEnvironment.Get);

    /// <returns>The identity (the caller disposes it), or null with <paramref name="error"/> saying what to pass.</returns>
    public SigningIdentity? Load(ParseResult parse, out string? error) => Resolver(parse).ResolveIdentity(out error);
}
