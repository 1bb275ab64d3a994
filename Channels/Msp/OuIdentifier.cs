namespace Fabricish.Channels.Msp;

/// <summary>An OU an MSP recognises, optionally pinned to the CA chain that must have certified it
/// (Fabric's <c>OUIdentifier</c>: the OU string and a SHA-256 over the certifying chain).</summary>
internal sealed record OuIdentifier(string OrganizationalUnit, byte[]? CertifiersIdentifier)
{
    public bool Matches(string ou, ReadOnlySpan<byte> certifiers) =>
        ou == OrganizationalUnit && (CertifiersIdentifier is null || certifiers.SequenceEqual(CertifiersIdentifier));
}
