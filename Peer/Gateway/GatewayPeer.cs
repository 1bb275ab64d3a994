namespace Fabricish.Peer.Gateway;

/// <summary>An endorsing peer the gateway may ask: its organisation's MSP ID and its gRPC host:port.</summary>
internal sealed record GatewayPeer
{
    public string MspId { get; init; } = string.Empty;

    public string Address { get; init; } = string.Empty;
}
