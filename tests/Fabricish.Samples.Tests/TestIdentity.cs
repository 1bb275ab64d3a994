using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabricish.Protos.Msp;
using Google.Protobuf;

namespace Fabricish.Samples.Tests;

/// <summary>A member of an organization: what the peer hands the chaincode as the proposal's creator.</summary>
internal sealed class TestIdentity(string mspId, X509Certificate2 certificate, ECDsa key)
{
    public string MspId { get; } = mspId;

    public X509Certificate2 Certificate { get; } = certificate;

    public ECDsa Key { get; } = key;

    public byte[] Creator() =>
        new SerializedIdentity { Mspid = MspId, IdBytes = ByteString.CopyFromUtf8(Certificate.ExportCertificatePem()) }.ToByteArray();
}
