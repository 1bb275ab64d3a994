namespace Fabricish.Channels.Crypto;

/// <summary>
/// The ECDSA curve operations this process performed (<see cref="Signatures.Sign"/>, and each
/// <see cref="Signatures.Verify"/> that reached the curve), for the nodes' /metrics: with the signature memory a
/// transaction costs far fewer verifies than the places that check a signature, and the bench reports what the
/// processes really did.
/// </summary>
public static class EcdsaOperations
{
    private static long SignCount;
    private static long VerifyCount;

    /// <summary>Prometheus name of the signs counter.</summary>
    public const string SignsMetric = "fabricish_ecdsa_signs_total";

    /// <summary>Prometheus name of the verifies counter.</summary>
    public const string VerifiesMetric = "fabricish_ecdsa_verifies_total";

    public static long Signs => Volatile.Read(ref SignCount);

    public static long Verifies => Volatile.Read(ref VerifyCount);

    /// <summary>Both counters as Prometheus text (the counter families of a /metrics page).</summary>
    public static string PrometheusText() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"# HELP {SignsMetric} ECDSA signatures this process made\n# TYPE {SignsMetric} counter\n{SignsMetric} {Signs}\n" +
        $"# HELP {VerifiesMetric} ECDSA signatures this process verified on the curve (the signature memory's hits excluded)\n# TYPE {VerifiesMetric} counter\n{VerifiesMetric} {Verifies}\n");

    internal static void Signed() => Interlocked.Increment(ref SignCount);

    internal static void Verified() => Interlocked.Increment(ref VerifyCount);
}
