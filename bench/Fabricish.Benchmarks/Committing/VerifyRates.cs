using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabricish.Channels.Crypto;
using Fabricish.Channels.Msp;

namespace Fabricish.Benchmarks.Committing;

/// <summary>ECDSA P-256 verifies per second of this machine, on one thread and on every core at once, measured in
/// the same run as the commits so the committer can be read against what its signatures alone allow.</summary>
internal static class VerifyRates
{
    public static (double OneThread, double AllCores) Measure(SigningIdentity signer, int messageBytes, TimeSpan duration)
    {
        byte[] message = RandomNumberGenerator.GetBytes(messageBytes);
        byte[] signature = signer.Sign(message);
        double one = RunOn(1, signer, message, signature, duration);
        double all = RunOn(Environment.ProcessorCount, signer, message, signature, duration);
        return (one, all);
    }

    private static double RunOn(int threads, SigningIdentity signer, byte[] message, byte[] signature, TimeSpan duration)
    {
        var counts = new long[threads];
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            // A key per thread: a shared ECDsa object would serialise the threads on its handle.
            using ECDsa key = signer.Certificate.GetECDsaPublicKey()!;
            for (int i = 0; i < 100; i++)
            {
                Signatures.Verify(key, message, signature);
            }

            var own = Stopwatch.StartNew();
            long count = 0;
            while (own.Elapsed < duration)
            {
                for (int i = 0; i < 50; i++)
                {
                    if (!Signatures.Verify(key, message, signature))
                    {
                        throw new InvalidOperationException("a valid signature did not verify");
                    }
                }

                count += 50;
            }

            counts[t] = (long)(count / own.Elapsed.TotalSeconds);
        });
        return counts.Sum();
    }
}
