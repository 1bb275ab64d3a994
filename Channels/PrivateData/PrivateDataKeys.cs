using System.Security.Cryptography;
using System.Text;

namespace Fabricish.Channels.PrivateData;

/// <summary>Fabric's hashing and state layout of private data (rwsetutil and privacyenabledstate): key and value
/// hashes are SHA-256 of the key's UTF-8 bytes and of the value; private values live in the namespace
/// <c>&lt;ns&gt;$$p&lt;coll&gt;</c> under their key, and every peer keeps the value hashes in
/// <c>&lt;ns&gt;$$h&lt;coll&gt;</c> under the base64 of the key hash, as Fabric's CouchDB state does.</summary>
public static class PrivateDataKeys
{
    public const string NamespaceJoiner = "$$";
    public const string PrivateDataPrefix = "p";
    public const string HashedDataPrefix = "h";

    public static byte[] KeyHash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static byte[] ValueHash(ReadOnlySpan<byte> value) => SHA256.HashData(value);

    public static string PrivateNamespace(string ns, string collection) => ns + NamespaceJoiner + PrivateDataPrefix + collection;

    public static string HashedNamespace(string ns, string collection) => ns + NamespaceJoiner + HashedDataPrefix + collection;

    public static string HashedKey(ReadOnlySpan<byte> keyHash) => Convert.ToBase64String(keyHash);

    public static string HashedKey(string key) => HashedKey(KeyHash(key));

    /// <summary>True for a namespace that holds private data or its hashes rather than a chaincode's public state.</summary>
    public static bool IsPrivateOrHashed(string ns) => ns.Contains(NamespaceJoiner, StringComparison.Ordinal);
}
