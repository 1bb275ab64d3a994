using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Fabricish.Protos.Msp;

namespace Fabricish.Chaincode.Shim.Contracts;

/// <summary>The transaction creator (Fabric's cid package): MSP id and, for X.509 identities, the certificate,
/// its id and Fabric CA attributes.</summary>
public sealed class ClientIdentity
{
    // Where Fabric CA puts enrollment attributes: a JSON document {"attrs": {name: value}}.
    private const string AttributesOid = "1.2.3.4.5.6.7.8.1";

    private readonly IReadOnlyDictionary<string, string> _attributes;

    private ClientIdentity(string mspId, byte[] idBytes, X509Certificate2? certificate, IReadOnlyDictionary<string, string> attributes)
    {
        MspId = mspId;
        IdBytes = idBytes;
        Certificate = certificate;
        _attributes = attributes;
        Id = certificate is null ? string.Empty : $"x509::{certificate.SubjectName.Name}::{certificate.IssuerName.Name}";
    }

    public string MspId { get; }

    /// <summary>The identity as the MSP serialised it (a PEM certificate for X.509 MSPs).</summary>
    public byte[] IdBytes { get; }

    /// <summary><c>x509::subject DN::issuer DN</c>, unique within the MSP; empty for non-X.509 identities.</summary>
    public string Id { get; }

    public X509Certificate2? Certificate { get; }

    public string? GetAttributeValue(string name) => _attributes.TryGetValue(name, out string? value) ? value : null;

    /// <summary>True when the identity carries the attribute with exactly this value.</summary>
    public bool AssertAttributeValue(string name, string value) => GetAttributeValue(name) == value;

    /// <summary>Decodes a marshalled msp.SerializedIdentity; an empty creator gives an empty identity.</summary>
    public static ClientIdentity FromCreator(byte[] creator)
    {
        ArgumentNullException.ThrowIfNull(creator);
        var identity = SerializedIdentity.Parser.ParseFrom(creator);
        byte[] idBytes = identity.IdBytes.ToByteArray();
        X509Certificate2? certificate = TryReadCertificate(idBytes);
        return new ClientIdentity(identity.Mspid, idBytes, certificate, ReadAttributes(certificate));
    }

    private static X509Certificate2? TryReadCertificate(byte[] idBytes)
    {
        string text = Encoding.UTF8.GetString(idBytes);
        if (!text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return X509Certificate2.CreateFromPem(text);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static Dictionary<string, string> ReadAttributes(X509Certificate2? certificate)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        X509Extension? extension = certificate?.Extensions[AttributesOid];
        if (extension is null)
        {
            return result;
        }

        using JsonDocument document = JsonDocument.Parse(extension.RawData);
        if (document.RootElement.TryGetProperty("attrs", out JsonElement attrs) && attrs.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty attribute in attrs.EnumerateObject())
            {
                result[attribute.Name] = attribute.Value.ValueKind == JsonValueKind.String
                    ? attribute.Value.GetString() ?? string.Empty
                    : attribute.Value.GetRawText();
            }
        }

        return result;
    }
}
