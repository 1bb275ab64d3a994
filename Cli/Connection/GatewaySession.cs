using Fabricish.Channels.Msp;
using Fabricish.Client;
using Grpc.Net.Client;

namespace Fabricish.Cli.Connection;

/// <summary>A resolved identity connected to a peer's Gateway service for the length of one command.</summary>
internal sealed class GatewaySession : IDisposable
{
    private readonly SigningIdentity _identity;
    private readonly GrpcChannel _channel;

    private GatewaySession(SigningIdentity identity, GrpcChannel channel, NodeEndpoint peer, Gateway gateway)
    {
        _identity = identity;
        _channel = channel;
        Peer = peer;
        Gateway = gateway;
    }

    public NodeEndpoint Peer { get; }

    public Gateway Gateway { get; }

    public string MspId => _identity.MspId;

    /// <returns>The session, or null with <paramref name="error"/> saying what to set.</returns>
    public static GatewaySession? Open(ConnectionResolver resolver, TimeSpan commitTimeout, out string? error)
    {
        NodeEndpoint? peer = resolver.ResolvePeer(out error);
        if (peer is null)
        {
            return null;
        }

        SigningIdentity? identity = resolver.ResolveIdentity(out error);
        if (identity is null)
        {
            return null;
        }

        GrpcChannel channel = peer.CreateChannel();
        Gateway gateway = Gateway.Connect(new GatewayConnectOptions
        {
            Channel = channel,
            Identity = Identity.FromSigningIdentity(identity),
            Signer = Signers.NewPrivateKeySigner(identity.Key),
            EvaluateTimeout = TimeSpan.FromSeconds(30),
            EndorseTimeout = TimeSpan.FromSeconds(60),
            CommitStatusTimeout = commitTimeout,
        });
        return new GatewaySession(identity, channel, peer, gateway);
    }

    public void Dispose()
    {
        _channel.Dispose();
        _identity.Dispose();
    }
}
