namespace Fabricish.Channels.Crypto;

/// <summary>One signature's key in <see cref="VerifiedSignatures"/>: SHA-256 over key id, signature and message digest,
/// computed once per check and handed from the look-up to the record.</summary>
internal readonly record struct SignatureEntry(UInt128 High, UInt128 Low)
{
    public (UInt128, UInt128) Key => (High, Low);
}
