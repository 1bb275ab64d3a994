using System.Security.Cryptography;

namespace Fabricish.Client;

/// <summary>The digests fabric-gateway offers. Fabric's MSPs verify ECDSA signatures over SHA-256, the default.</summary>
public static class Hashes
{
    public static Hash Sha256 { get; } = SHA256.HashData;

    public static Hash Sha384 { get; } = SHA384.HashData;

    /// <summary>The message itself, for signers that hash internally (Ed25519, some HSMs).</summary>
    public static Hash None { get; } = message => (byte[])message.Clone();
}
