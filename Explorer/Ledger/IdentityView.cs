using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabricish.Protos.Msp;
using Google.Protobuf;

namespace Fabricish.Explorer.Ledger;

/// <summary>A serialized identity (creator, endorser, block signer) as people read it: MSP ID and certificate subject.</summary>
public sealed record IdentityView(string MspId, string Subject)
{
    public static IdentityView From(ByteString serialized)
    {
        SerializedIdentity? identity = EnvelopeReader.TryParse(SerializedIdentity.Parser, serialized);
        if (identity is null)
        {
            return new IdentityView("?", "(not a serialized identity)");
        }

        try
        {
            using X509Certificate2 certificate = X509Certificate2.CreateFromPem(identity.IdBytes.ToStringUtf8());
            return new IdentityView(identity.Mspid, certificate.Subject);
        }
        catch (CryptographicException)
        {
            return new IdentityView(identity.Mspid, "(no readable certificate)");
        }
    }

    public override string ToString() => $"{MspId} {Subject}";
}
