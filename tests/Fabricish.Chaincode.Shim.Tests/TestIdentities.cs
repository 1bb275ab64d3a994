using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Fabricish.Protos.Common;
using Fabricish.Protos.Msp;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabricish.Chaincode.Shim.Tests;

/// <summary>Creators and signed proposals as a Fabric client would build them.</summary>
internal static class TestIdentities
{
    public static byte[] Creator(string mspId, string commonName, string? attributesJson = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}, OU=client, O=org1.example.com", key, HashAlgorithmName.SHA256);
        if (attributesJson is not null)
        {
            request.CertificateExtensions.Add(new X509Extension("1.2.3.4.5.6.7.8.1", Encoding.UTF8.GetBytes(attributesJson), critical: false));
        }

        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return new SerializedIdentity { Mspid = mspId, IdBytes = ByteString.CopyFromUtf8(certificate.ExportCertificatePem()) }.ToByteArray();
    }

    public static SignedProposal Proposal(byte[] creator, DateTimeOffset timestamp, IDictionary<string, byte[]> transient)
    {
        var channelHeader = new ChannelHeader { Type = 3, ChannelId = FakePeer.Channel, TxId = "tx1", Timestamp = Timestamp.FromDateTimeOffset(timestamp) };
        var signatureHeader = new SignatureHeader { Creator = ByteString.CopyFrom(creator), Nonce = ByteString.CopyFrom(new byte[24]) };
        var payload = new ChaincodeProposalPayload();
        foreach ((string name, byte[] value) in transient)
        {
            payload.TransientMap[name] = ByteString.CopyFrom(value);
        }

        var proposal = new Proposal
        {
            Header = new Header { ChannelHeader = channelHeader.ToByteString(), SignatureHeader = signatureHeader.ToByteString() }.ToByteString(),
            Payload = payload.ToByteString(),
        };
        return new SignedProposal { ProposalBytes = proposal.ToByteString(), Signature = ByteString.CopyFromUtf8("sig") };
    }
}
