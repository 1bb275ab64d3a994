using Fabricish.Channels.Msp;
using Fabricish.Protos.Msp;
using Google.Protobuf;

namespace Fabricish.Client;

/// <summary>Who the client is, as fabric-gateway's <c>Identity</c>: the MSP ID and the credentials (the X.509
/// certificate in PEM) that go, serialised as <c>msp.SerializedIdentity</c>, into every header the client signs.</summary>
public sealed class Identity
{
    private readonly byte[] _credentials;

    public Identity(string mspId, byte[] credentials)
    {
        ArgumentException.ThrowIfNullOrEmpty(mspId);
        ArgumentNullException.ThrowIfNull(credentials);
        if (credentials.Length == 0)
        {
            throw new ArgumentException("the identity's credentials (certificate PEM) are empty", nameof(credentials));
        }

        MspId = mspId;
        _credentials = (byte[])credentials.Clone();
    }

    public string MspId { get; }

    /// <summary>The certificate PEM bytes.</summary>
    public ReadOnlyMemory<byte> Credentials => _credentials;

    /// <summary>An identity from a certificate in PEM text.</summary>
    public static Identity FromCertificatePem(string mspId, string certificatePem) =>
        new(mspId, System.Text.Encoding.UTF8.GetBytes(certificatePem));

    /// <summary>The identity of a signer loaded from an MSP folder, with the same creator bytes Fabricish's nodes use.</summary>
    public static Identity FromSigningIdentity(SigningIdentity signingIdentity)
    {
        ArgumentNullException.ThrowIfNull(signingIdentity);
        SerializedIdentity serialized = SerializedIdentity.Parser.ParseFrom(signingIdentity.Serialize());
        return new Identity(serialized.Mspid, serialized.IdBytes.ToByteArray());
    }

    /// <summary>The <c>msp.SerializedIdentity</c> bytes: the creator of proposals and the identity of signed requests.</summary>
    public byte[] Serialize() =>
        new SerializedIdentity { Mspid = MspId, IdBytes = ByteString.CopyFrom(_credentials) }.ToByteArray();
}
