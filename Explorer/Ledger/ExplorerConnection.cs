using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabricish.Channels.Msp;
using Fabricish.Client;
using Fabricish.Explorer.Hosting;
using Fabricish.Protos.Common;
using Google.Protobuf;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;

namespace Fabricish.Explorer.Ledger;

/// <summary>The explorer as one organization's client: the profile's user identity, a connection to that org's peer
/// (Deliver and the Gateway's Evaluate), and connections to the other nodes it shows, opened on first use.</summary>
public sealed class ExplorerConnection : IDisposable
{
    private readonly ConcurrentDictionary<string, GrpcChannel> _nodes = new(StringComparer.Ordinal);
    private readonly Gateway _gateway;

    public ExplorerConnection(IOptions<ExplorerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Profile = ConnectionProfile.TryLoad(options.Value.ConnectionProfile, out string? error)
            ?? throw new InvalidOperationException(error);
        X509Certificate2 certificate = X509Certificate2.CreateFromPem(File.ReadAllText(Profile.CertificatePath));
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(Profile.PrivateKeyPath));
        Identity = new SigningIdentity(Profile.MspId, certificate, key);
        Peer = Node(Profile.Peer);
        _gateway = Gateway.Connect(new GatewayConnectOptions
        {
            Channel = Peer,
            Identity = Client.Identity.FromSigningIdentity(Identity),
            Signer = Signers.NewPrivateKeySigner(key),
        });
    }

    public ConnectionProfile Profile { get; }

    public SigningIdentity Identity { get; }

    public GrpcChannel Peer { get; }

    public GrpcChannel Node(ProfileNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return _nodes.GetOrAdd(node.Url, _ => node.Connect());
    }

    /// <summary>One block of the channel from the profile's peer, or its newest.</summary>
    public Task<Block> ReadBlockAsync(string channel, ulong? number, CancellationToken cancellationToken) =>
        DeliverReader.ReadOneAsync(Peer, orderer: false, Identity, channel, number, cancellationToken);

    /// <summary>Blocks <paramref name="from"/>..<paramref name="to"/> of the channel from the profile's peer.</summary>
    public async Task<IReadOnlyList<Block>> ReadBlocksAsync(string channel, ulong from, ulong to, CancellationToken cancellationToken)
    {
        var blocks = new List<Block>();
        await foreach (Block block in DeliverReader.ReadAsync(Peer, orderer: false, Identity, channel, DeliverReader.At(from), DeliverReader.At(to), follow: false, cancellationToken).ConfigureAwait(false))
        {
            blocks.Add(block);
        }

        return blocks;
    }

    /// <summary>A read-only query of the <c>_lifecycle</c> system chaincode through the peer's gateway (Evaluate
    /// endorses nothing and orders nothing).</summary>
    public Task<byte[]> QueryLifecycleAsync(string channel, string function, IMessage arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return _gateway.GetNetwork(channel).GetContract("_lifecycle")
            .EvaluateTransactionAsync(function, new ProposalOptions { Arguments = [arguments.ToByteArray()] }, cancellationToken);
    }

    public void Dispose()
    {
        foreach (GrpcChannel node in _nodes.Values)
        {
            node.Dispose();
        }

        Identity.Dispose();
    }
}
