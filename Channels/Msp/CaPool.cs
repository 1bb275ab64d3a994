using System.Security.Cryptography;
using Fabricish.Channels.Crypto;

namespace Fabricish.Channels.Msp;

/// <summary>An MSP's root and intermediate CAs, and chain building over them by issuer name and signature.</summary>
internal sealed class CaPool(List<CaCertificate> roots, List<CaCertificate> intermediates)
{
    private const int MaxChainDepth = 8;

    public List<CaCertificate> Roots { get; } = roots;

    public List<CaCertificate> Intermediates { get; } = intermediates;

    /// <summary>The CA certificates from the direct issuer up to a root, or null if there is no such path.</summary>
    public List<CaCertificate>? ChainAbove(ReadOnlySpan<byte> issuerName, SignedObject signed)
    {
        var chain = new List<CaCertificate>();
        var currentIssuer = issuerName;
        var currentSigned = signed;
        for (int depth = 0; depth < MaxChainDepth; depth++)
        {
            var parent = FindIssuer(currentIssuer, currentSigned);
            if (parent is null)
            {
                return null;
            }

            chain.Add(parent);
            if (parent.IsRoot)
            {
                return chain;
            }

            currentIssuer = parent.Certificate.IssuerName.RawData;
            currentSigned = parent.Signed;
        }

        return null;
    }

    /// <summary>The chain from a CA of this pool (itself first) up to a root, or null if it has none.</summary>
    public List<CaCertificate>? ChainFrom(CaCertificate ca)
    {
        if (ca.IsRoot)
        {
            return [ca];
        }

        var above = ChainAbove(ca.Certificate.IssuerName.RawData, ca.Signed);
        return above is null ? null : [ca, .. above];
    }

    /// <summary>The pool's CA whose DER equals <paramref name="der"/>, if any.</summary>
    public CaCertificate? Find(ReadOnlySpan<byte> der)
    {
        foreach (var ca in Roots.Concat(Intermediates))
        {
            if (ca.Raw.SequenceEqual(der))
            {
                return ca;
            }
        }

        return null;
    }

    /// <summary>The pool's CA that has this subject name and made this signature, if any.</summary>
    public CaCertificate? FindIssuer(ReadOnlySpan<byte> issuerName, SignedObject signed)
    {
        // Intermediates first: a leaf is most often issued by one, and roots end the walk.
        foreach (var candidate in Intermediates)
        {
            if (candidate.SubjectName.SequenceEqual(issuerName) && signed.IsSignedBy(candidate.PublicKey))
            {
                return candidate;
            }
        }

        foreach (var candidate in Roots)
        {
            if (candidate.SubjectName.SequenceEqual(issuerName) && signed.IsSignedBy(candidate.PublicKey))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Fabric's certifiers identifier: SHA-256 over the raw CA certificates of a chain, issuer first.</summary>
    public static byte[] CertifiersIdentifier(List<CaCertificate> chain)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var ca in chain)
        {
            hash.AppendData(ca.Raw);
        }

        return hash.GetHashAndReset();
    }
}
