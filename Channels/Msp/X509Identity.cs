using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabricish.Channels.Crypto;
using Fabricish.Protos.Msp;

namespace Fabricish.Channels.Msp;

/// <summary>
/// An X.509 identity validated by its <see cref="FabricMsp"/>: the certificate, its role under NodeOUs,
/// whether it is an admin, and its OUs with the chain that certified them.
/// </summary>
public sealed class X509Identity : IIdentity
{
    private readonly byte[] _serialized;
    private readonly byte[] _certifiersIdentifier;
    private readonly byte[] _keyId;
    private readonly DateTimeOffset _notBefore;

    internal X509Identity(
        FabricMsp msp,
        X509Certificate2 certificate,
        ECDsa publicKey,
        byte[] serialized,
        NodeRole? role,
        bool isAdmin,
        IReadOnlyList<string> organizationalUnits,
        byte[] certifiersIdentifier)
    {
        Msp = msp;
        Certificate = certificate;
        PublicKey = publicKey;
        _keyId = VerifiedSignatures.KeyIdOf(publicKey);
        _serialized = serialized;
        Role = role;
        IsAdmin = isAdmin;
        OrganizationalUnits = organizationalUnits;
        _certifiersIdentifier = certifiersIdentifier;

        // Read once: the certificate's properties convert through the local time zone on every read, and a cached
        // identity's period is checked for every signature it makes.
        _notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        ExpiresAt = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
    }

    public string MspId => Msp.MspId;

    public ReadOnlyMemory<byte> Serialized => _serialized;

    public X509Certificate2 Certificate { get; }

    /// <summary>The NodeOU role; null when the MSP does not enable NodeOUs.</summary>
    public NodeRole? Role { get; }

    /// <summary>Admin by the admin OU (NodeOUs) or by being listed in the MSP's admin certificates.</summary>
    public bool IsAdmin { get; }

    public IReadOnlyList<string> OrganizationalUnits { get; }

    /// <summary>SHA-256 over the CA chain that issued this identity (Fabric's certifiers identifier).</summary>
    public ReadOnlySpan<byte> CertifiersIdentifier => _certifiersIdentifier;

    public DateTimeOffset ExpiresAt { get; }

    internal FabricMsp Msp { get; }

    internal ECDsa PublicKey { get; }

    /// <summary>How this identity reads in messages: its NodeOU role, or "member".</summary>
    internal string Description => Role?.OuName() ?? (IsAdmin ? "admin" : "member");

    /// <summary>ECDSA verification, once per process for a given signature: the second time this key, message and
    /// signature come together (the committer after the gateway, an endorsement this peer signed) the answer is known.
    /// The message is hashed once, for the memory's look-up, the verification and the record alike.</summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(message, digest);
        bool remembered = VerifiedSignatures.TryEntryOf(_keyId, digest, signature, out SignatureEntry entry);
        if (remembered && VerifiedSignatures.Contains(entry))
        {
            return true;
        }

        if (!Signatures.VerifyHash(PublicKey, digest, signature))
        {
            return false;
        }

        if (remembered)
        {
            VerifiedSignatures.Add(entry);
        }

        return true;
    }

    public string SignatureProblem(ReadOnlySpan<byte> signature) => Signatures.Problem(PublicKey, signature);

    public PrincipalCheck SatisfiesPrincipal(MSPPrincipal principal) => PrincipalEvaluator.Evaluate(this, principal);

    /// <summary>Null while the certificate is within its validity period at the MSP's clock, else why not.</summary>
    internal string? CheckStillValid() => Msp.CheckValidityPeriod(_notBefore, ExpiresAt);
}
