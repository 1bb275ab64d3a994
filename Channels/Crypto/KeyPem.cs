using System.Security.Cryptography;

namespace Fabricish.Channels.Crypto;

/// <summary>
/// ECDSA private keys as PEM: PKCS#8 (<c>PRIVATE KEY</c>, what cryptogen writes to <c>priv_sk</c>),
/// password-encrypted PKCS#8 (<c>ENCRYPTED PRIVATE KEY</c>), and SEC1 (<c>EC PRIVATE KEY</c>) on read.
/// </summary>
public static class KeyPem
{
    // PBES2 with AES-256-CBC and PBKDF2-SHA256, as OpenSSL writes by default.
    private static readonly PbeParameters EncryptionParameters = new(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000);

    /// <summary>PKCS#8 PEM; encrypted with <paramref name="password"/> when one is given.</summary>
    public static string Write(ECDsa key, string? password = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        return string.IsNullOrEmpty(password)
            ? key.ExportPkcs8PrivateKeyPem()
            : key.ExportEncryptedPkcs8PrivateKeyPem(password.AsSpan(), EncryptionParameters);
    }

    /// <summary>Whether the PEM holds an encrypted key (and so needs a password).</summary>
    public static bool IsEncrypted(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        return pem.Contains("-----BEGIN ENCRYPTED PRIVATE KEY-----", StringComparison.Ordinal);
    }

    /// <summary>Reads a private key; throws <see cref="CryptographicException"/> naming what is wrong
    /// (missing password, wrong password, not an EC key).</summary>
    public static ECDsa Read(string pem, string? password = null)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var key = ECDsa.Create();
        try
        {
            if (IsEncrypted(pem))
            {
                if (string.IsNullOrEmpty(password))
                {
                    throw new CryptographicException("the private key is encrypted; a password is required");
                }

                try
                {
                    key.ImportFromEncryptedPem(pem.AsSpan(), password.AsSpan());
                }
                catch (CryptographicException e)
                {
                    throw new CryptographicException("the private key could not be decrypted (wrong password?)", e);
                }
            }
            else
            {
                try
                {
                    key.ImportFromPem(pem.AsSpan());
                }
                catch (ArgumentException e)
                {
                    throw new CryptographicException("no EC private key PEM found", e);
                }
            }

            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Reads a key file; see <see cref="Read(string, string?)"/>.</summary>
    public static ECDsa ReadFile(string path, string? password = null) => Read(File.ReadAllText(path), password);

    /// <summary>Writes a key file readable only by its owner where the platform allows it.</summary>
    public static void WriteFile(string path, ECDsa key, string? password = null)
    {
        string pem = Write(key, password);
        if (OperatingSystem.IsWindows())
        {
            File.WriteAllText(path, pem);
            return;
        }

        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
        writer.Write(pem);
    }
}
