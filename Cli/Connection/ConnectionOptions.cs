using System.CommandLine;

namespace Fabricish.Cli.Connection;

/// <summary>The switches of commands that talk to a peer (and optionally an orderer) as some identity, with Fabric's
/// names: <c>--peerAddresses</c>, <c>--tlsRootCertFiles</c>, <c>-o/--orderer</c>, <c>--cafile</c>,
/// <c>--ordererTLSHostnameOverride</c>, plus <c>--connection-profile</c>, <c>--msp-dir</c> and <c>--msp-id</c>.</summary>
internal sealed class ConnectionOptions
{
    private readonly bool _withOrderer;

    public ConnectionOptions(bool withOrderer = false) => _withOrderer = withOrderer;

    public Option<string> Profile { get; } = new("--connection-profile")
    {
        Description = $"A Fabric connection profile (JSON) naming the peers, orderers and client identity; defaults to ${ConnectionResolver.ProfileVariable}.",
    };

    public Option<string[]> Peer { get; } = new("--peerAddresses", "--peer")
    {
        Description = $"The peer to connect to (host:port, grpc:// or grpcs://, or a peer name from the profile); defaults to ${ConnectionResolver.PeerAddressVariable}. Given more than once, the first is used: its gateway plans endorsement.",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string[]> TlsRootCertFiles { get; } = new("--tlsRootCertFiles")
    {
        Description = $"The TLS CA certificate of the peer (PEM file); defaults to ${ConnectionResolver.TlsRootCertVariable}.",
    };

    public Option<bool> Tls { get; } = new("--tls")
    {
        Description = $"Use TLS to the peer (as ${ConnectionResolver.TlsEnabledVariable}=true); needs its TLS CA certificate.",
    };

    public Option<string> MspDir { get; } = new("--msp-dir", "--mspconfigpath")
    {
        Description = $"The MSP folder (signcerts, keystore) of the identity to act as; defaults to ${ConnectionResolver.MspDirVariable}.",
    };

    public Option<string> MspId { get; } = new("--msp-id", "--localmspid")
    {
        Description = $"That identity's MSP ID; defaults to ${ConnectionResolver.MspIdVariable}.",
    };

    public Option<string> Orderer { get; } = new("--orderer", "-o")
    {
        Description = "The orderer to connect to (host:port, grpc:// or grpcs://, or an orderer name from the profile).",
    };

    public Option<string> OrdererCaFile { get; } = new("--cafile")
    {
        Description = "The orderer's TLS CA certificate (PEM file).",
    };

    public Option<string> OrdererServerNameOverride { get; } = new("--ordererTLSHostnameOverride")
    {
        Description = "The host name the orderer's TLS certificate carries, when it differs from the address.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Profile);
        command.Options.Add(Peer);
        command.Options.Add(TlsRootCertFiles);
        command.Options.Add(Tls);
        command.Options.Add(MspDir);
        command.Options.Add(MspId);
        if (_withOrderer)
        {
            command.Options.Add(Orderer);
            command.Options.Add(OrdererCaFile);
            command.Options.Add(OrdererServerNameOverride);
        }
    }

    public ConnectionResolver Resolver(ParseResult parse) => new(
        new ConnectionFlags(
            ProfilePath: parse.GetValue(Profile),
            Peer: parse.GetValue(Peer)?.FirstOrDefault(),
            PeerTlsRootCertFile: parse.GetValue(TlsRootCertFiles)?.FirstOrDefault(),
            MspDir: parse.GetValue(MspDir),
            MspId: parse.GetValue(MspId),
            Orderer: _withOrderer ? parse.GetValue(Orderer) : null,
            OrdererTlsCaFile: _withOrderer ? parse.GetValue(OrdererCaFile) : null,
            OrdererServerNameOverride: _withOrderer ? parse.GetValue(OrdererServerNameOverride) : null,
            Tls: parse.GetValue(Tls)),
        CliEnvironment.Get);
}
