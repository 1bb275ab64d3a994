using System.Diagnostics;
using System.Security.Cryptography;
using Fabricish.Channels.Crypto;

namespace Fabricish.Benchmarks.Harness;

/// <summary>ECDSA P-256 verifies per second on one thread, measured inside the harness run so the figure shares the
/// machine's conditions (load, frequency) with the throughput it is compared to.</summary>
public static class VerifyProbe
{
    public static double VerifiesPerSecond(TimeSpan duration)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] message = RandomNumberGenerator.GetBytes(1024);
        byte[] signature = Signatures.Sign(key, message);
        for (int i = 0; i < 200; i++)
        {
            Signatures.Verify(key, message, signature);
        }

        long count = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            for (int i = 0; i < 100; i++)
            {
                if (!Signatures.Verify(key, message, signature))
                {
                    throw new InvalidOperationException("the probe's own signature did not verify");
                }
            }

            count += 100;
        }

        return count / watch.Elapsed.TotalSeconds;
    }
}
