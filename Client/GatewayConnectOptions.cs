using Grpc.Core;
using GatewayRpc = Fabricish.Protos.Gateway.Gateway;

namespace Fabricish.Client;

/// <summary>What <see cref="Gateway.Connect"/> needs, as fabric-gateway's <c>ConnectOptions</c>: a gRPC connection to
/// a peer's Gateway service (shared by many gateways; the gateway does not close it), the client identity, its signer
/// and hash, and default time limits per kind of call.</summary>
public sealed class GatewayConnectOptions
{
    /// <summary>The gRPC channel to the peer (a <c>GrpcChannel</c>); or set <see cref="Client"/>.</summary>
    public ChannelBase? Channel { get; init; }

    /// <summary>A ready Gateway client stub; takes precedence over <see cref="Channel"/>.</summary>
    public GatewayRpc.GatewayClient? Client { get; init; }

    public required Identity Identity { get; init; }

    public required Signer Signer { get; init; }

    /// <summary>The digest the signer signs; SHA-256 unless set.</summary>
    public Hash Hash { get; init; } = Hashes.Sha256;

    public TimeSpan? EvaluateTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan? EndorseTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan? SubmitTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan? CommitStatusTimeout { get; init; } = TimeSpan.FromMinutes(1);
}
