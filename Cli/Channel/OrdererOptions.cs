using System.CommandLine;

namespace Fabricish.Cli.Channel;

/// <summary>The orderer switches of Fabric's peer CLI: <c>-o/--orderer</c> (host:port, grpc(s)://, or an orderer named
/// in the connection profile), <c>--cafile</c> and <c>--ordererTLSHostnameOverride</c>; without <c>-o</c> the
/// connection profile's first orderer.</summary>
internal sealed class OrdererOptions
{
    public Option<string> Address { get; } = new("--orderer", "-o")
    {
        Description = "The orderer's gRPC endpoint (host:port, grpc:// or grpcs://, or an orderer name from the connection profile).",
    };

    public Option<string> CaFile { get; } = new("--cafile")
    {
        Description = "The orderer's TLS CA certificate (PEM file).",
    };

    public Option<string> ServerNameOverride { get; } = new("--ordererTLSHostnameOverride")
    {
        Description = "The host name the orderer's TLS certificate carries, when it differs from the address.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Address);
        command.Options.Add(CaFile);
        command.Options.Add(ServerNameOverride);
    }

    /// <summary>A client of the orderer the switches, environment or profile name; null with <paramref name="error"/>.</summary>
    public OrdererClient? Connect(ParseResult parse, ClientIdentityOptions identity, out string? error)
    {
        Connection.NodeEndpoint? endpoint = identity.Resolver(parse, this).ResolveOrderer(out error);
        return endpoint is null ? null : OrdererClient.TryCreate(endpoint, out error);
    }
}
