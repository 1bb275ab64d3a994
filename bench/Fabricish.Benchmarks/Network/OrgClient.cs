using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabricish.Channels.Msp;
using Fabricish.Client;
using Grpc.Net.Client;

namespace Fabricish.Benchmarks.Network;

/// <summary>One organization's client user as an application holds it: a gRPC connection to the org's peer, a
/// Fabricish.Client gateway over it, the chaincode's contract, and the same identity for signing deliver requests.</summary>
public sealed class OrgClient : IDisposable
{
    private OrgClient(OrgEndpoint endpoint, GrpcChannel peer, SigningIdentity identity, Contract contract)
    {
        Endpoint = endpoint;
        Peer = peer;
        Identity = identity;
        Contract = contract;
    }

    public OrgEndpoint Endpoint { get; }

    public GrpcChannel Peer { get; }

    public SigningIdentity Identity { get; }

    public Contract Contract { get; }

    public static OrgClient Connect(OrgEndpoint endpoint, string channel, string chaincode)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        X509Certificate2 certificate = X509Certificate2.CreateFromPem(File.ReadAllText(endpoint.CertificatePath));
        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(endpoint.PrivateKeyPath));
        var identity = new SigningIdentity(endpoint.MspId, certificate, key);
        GrpcChannel peer = endpoint.Peer.Connect();
        Gateway gateway = Gateway.Connect(new GatewayConnectOptions
        {
            Channel = peer,
            Identity = Client.Identity.FromSigningIdentity(identity),
            Signer = Signers.NewPrivateKeySigner(key),
            // The bench decides when a transaction has waited too long; a gRPC deadline would hide queueing.
            EndorseTimeout = TimeSpan.FromSeconds(60),
            SubmitTimeout = TimeSpan.FromSeconds(60),
        });
        return new OrgClient(endpoint, peer, identity, gateway.GetNetwork(channel).GetContract(chaincode));
    }

    public void Dispose()
    {
        Peer.Dispose();
        Identity.Dispose();
    }
}
