using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabricish.Channels.Crypto;
using Fabricish.Channels.Msp;

namespace Fabricish.Benchmarks.Endorsing;

/// <summary>ECDSA P-256 sign and verify on one thread, with the peer's own key and a message the size of an
/// endorsed payload, measured in the same run as the endorsements so the two can be read against each other.</summary>
internal static class CryptoRates
{
    public static (double SignPerSecond, double VerifyPerSecond) Measure(SigningIdentity signer, int messageBytes, TimeSpan each)
    {
        byte[] message = RandomNumberGenerator.GetBytes(messageBytes);
        byte[] signature = signer.Sign(message);
        using ECDsa publicKey = signer.Certificate.GetECDsaPublicKey()!;
        double sign = Rate(each, () => signer.Sign(message));
        double verify = Rate(each, () => Signatures.Verify(publicKey, message, signature));
        return (sign, verify);
    }

    private static double Rate(TimeSpan duration, Action operation)
    {
        for (int i = 0; i < 200; i++)
        {
            operation();
        }

        long count = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            for (int i = 0; i < 100; i++)
            {
                operation();
            }

            count += 100;
        }

        return count / clock.Elapsed.TotalSeconds;
    }
}
