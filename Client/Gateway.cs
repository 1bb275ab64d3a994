using GatewayRpc = Fabricish.Protos.Gateway.Gateway;

namespace Fabricish.Client;

/// <summary>A client identity's connection to a peer's Gateway service, as fabric-gateway's <c>Gateway</c>:
/// <c>Gateway.Connect(options).GetNetwork(channel).GetContract(chaincode)</c>. The gRPC channel belongs to the caller
/// (many gateways may share it), so a gateway holds nothing to close.</summary>
public sealed class Gateway
{
    private readonly GatewayConnection _connection;

    private Gateway(GatewayConnection connection) => _connection = connection;

    public Identity Identity => _connection.Signing.Identity;

    public static Gateway Connect(GatewayConnectOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        GatewayRpc.GatewayClient client = options.Client
            ?? (options.Channel is { } channel
                ? new GatewayRpc.GatewayClient(channel)
                : throw new ArgumentException("a gRPC connection is required: set Channel or Client", nameof(options)));
        ArgumentNullException.ThrowIfNull(options.Identity);
        ArgumentNullException.ThrowIfNull(options.Signer);
        ArgumentNullException.ThrowIfNull(options.Hash);
        var signing = new SigningContext(options.Identity, options.Signer, options.Hash);
        return new Gateway(new GatewayConnection(client, signing, options));
    }

    public Network GetNetwork(string channelName)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelName);
        return new Network(_connection, channelName);
    }
}
