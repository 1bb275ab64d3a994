using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace Fabricish.Chaincode.Shim.Instruments;

/// <summary>The human-readable contract an instrument is bound to, Ricardian style: where the text is published
/// and the SHA-256 of its exact bytes. Stored inside the instrument's state, so the hash is in the write set both
/// parties' peers endorse; the text itself stays off chain.</summary>
public sealed class LegalProse
{
    [JsonPropertyName("uri")]
    public required string Uri { get; init; }

    [JsonPropertyName("sha256")]
    public required string Sha256 { get; init; }

    /// <exception cref="ArgumentException">the URI is not absolute or the hash is not 64 hex digits.</exception>
    public static LegalProse Create(string uri, string sha256)
    {
        if (!System.Uri.TryCreate(uri, UriKind.Absolute, out _))
        {
            throw new ArgumentException($"the legal prose URI '{uri}' is not an absolute URI", nameof(uri));
        }

        if (sha256 is not { Length: 64 } || !sha256.All(System.Uri.IsHexDigit))
        {
            throw new ArgumentException($"the legal prose hash '{sha256}' is not a SHA-256 in hex (64 digits)", nameof(sha256));
        }

        return new LegalProse { Uri = uri, Sha256 = sha256.ToLowerInvariant() };
    }

    public static string HashOf(ReadOnlySpan<byte> text) => Convert.ToHexStringLower(SHA256.HashData(text));

    public bool Matches(ReadOnlySpan<byte> text) => HashOf(text) == Sha256;
}
