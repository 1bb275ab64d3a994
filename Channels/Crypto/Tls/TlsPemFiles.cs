using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Fabricish.Channels.Crypto.Tls;

/// <summary>
/// Reads a node's TLS material from PEM files as cryptogen writes it (<c>tls/server.crt</c>, <c>tls/server.key</c>,
/// <c>tls/ca.crt</c>). Every failure names the file, so a node refuses to start saying which setting points where.
/// </summary>
public static class TlsPemFiles
{
    /// <summary>The certificate of <paramref name="certFile"/> (its first PEM block; further blocks are intermediates
    /// to send along) with the private key of <paramref name="keyFile"/>, re-imported as PKCS#12 so the TLS stack can
    /// use the key on every platform (a key imported from PEM is ephemeral, which Windows' SChannel refuses).</summary>
    public static bool TryLoadKeyPair(
        string certFile, string keyFile, out X509Certificate2? certificate, out X509Certificate2Collection intermediates, out string? error)
    {
        certificate = null;
        intermediates = [];
        if (!TryLoadCertificates(certFile, out X509Certificate2Collection chain, out error))
        {
            return false;
        }

        if (!TryRead(keyFile, "private key", out _, out error))
        {
            return false;
        }

        try
        {
            using X509Certificate2 pem = X509Certificate2.CreateFromPemFile(certFile, keyFile);
            certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            // ArgumentException: a valid key that belongs to another certificate.
            error = $"'{keyFile}' is not the private key of the certificate in '{certFile}' (or not an unencrypted PEM key): {e.Message}";
            return false;
        }

        for (int i = 1; i < chain.Count; i++)
        {
            intermediates.Add(chain[i]);
        }

        chain[0].Dispose();
        return true;
    }

    /// <summary>Every certificate of a PEM file; fails when the file is missing, unreadable or holds none.</summary>
    public static bool TryLoadCertificates(string file, out X509Certificate2Collection certificates, out string? error)
    {
        certificates = [];
        if (!TryRead(file, "certificate", out string? pem, out error))
        {
            return false;
        }

        try
        {
            certificates.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            error = $"'{file}' holds no valid PEM certificate: {e.Message}";
            return false;
        }

        if (certificates.Count == 0)
        {
            error = $"'{file}' holds no PEM certificate";
            return false;
        }

        return true;
    }

    /// <summary>The certificates of several PEM files (e.g. Fabric's RootCAs list).</summary>
    public static bool TryLoadCertificates(IEnumerable<string> files, out X509Certificate2Collection certificates, out string? error)
    {
        ArgumentNullException.ThrowIfNull(files);
        certificates = [];
        foreach (string file in files)
        {
            if (!TryLoadCertificates(file, out X509Certificate2Collection one, out error))
            {
                return false;
            }

            certificates.AddRange(one);
        }

        error = null;
        return true;
    }

    /// <summary>A comma-separated list of files as one setting holds it (Fabric's lists, e.g. RootCAs).</summary>
    public static IReadOnlyList<string> SplitList(string? files) =>
        string.IsNullOrWhiteSpace(files) ? [] : files.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool TryRead(string file, string what, out string? text, out string? error)
    {
        text = null;
        if (string.IsNullOrWhiteSpace(file))
        {
            error = $"no {what} file is set";
            return false;
        }

        if (!File.Exists(file))
        {
            error = $"{what} file '{file}' does not exist";
            return false;
        }

        try
        {
            text = File.ReadAllText(file);
            error = null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"{what} file '{file}' cannot be read: {e.Message}";
            return false;
        }
    }
}
