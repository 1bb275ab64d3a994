using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Fabricish.Channels.Crypto;

namespace Fabricish.Benchmarks.Network;

/// <summary>
/// The throughput this machine could reach if ECDSA P-256 were the only work: its cores divided by the crypto time
/// one transaction costs across every node (signatures made × sign time + signatures verified × verify time).
/// </summary>
public sealed partial record CryptoCeiling(
    double SignPerSecondPerCore,
    double VerifyPerSecondPerCore,
    int Cores,
    double TransactionsPerBlock,
    IReadOnlyList<SignatureCount> PerTransaction,
    double SignsPerTransaction,
    double VerifiesPerTransaction,
    double CeilingTransactionsPerSecond)
{
    /// <summary>Sign then verify on one thread for <paramref name="each"/> (the best 50 ms slice), with a 1 KB message (an endorsed
    /// payload's order of size; the curve operation dominates either way).</summary>
    public static (double SignPerSecond, double VerifyPerSecond) MeasurePerCore(TimeSpan each)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] message = RandomNumberGenerator.GetBytes(1024);
        byte[] signature = Signatures.Sign(key, message);
        double sign = Rate(each, () => Signatures.Sign(key, message));
        double verify = Rate(each, () =>
        {
            if (!Signatures.Verify(key, message, signature))
            {
                throw new InvalidOperationException("the probe's own signature did not verify");
            }
        });
        return (sign, verify);
    }

    /// <summary>Where a transaction of <paramref name="workload"/> is signed and verified, with <paramref name="endorsers"/>
    /// endorsements (the policy), <paramref name="peers"/> committing peers, <paramref name="orderers"/> orderer nodes
    /// each signing every block, and blocks of <paramref name="perBlock"/> transactions. The nodes run with the signature
    /// memory (<c>Channels/Crypto/SignatureMemory</c>): a process never verifies again a signature it made or verified
    /// already, so the gateway's peer finds the client's envelope and the remote endorsements remembered when it commits,
    /// and every endorsing peer its own endorsement. The rows count the curve operations that remain; the nodes count
    /// what they really do on /metrics (<c>fabricish_ecdsa_signs_total</c>, <c>fabricish_ecdsa_verifies_total</c>).</summary>
    public static IReadOnlyList<SignatureCount> Count(WorkloadKind workload, int endorsers, int peers, int orderers, double perBlock)
    {
        if (workload == WorkloadKind.Query)
        {
            return
            [
                new("client: signs the proposal", 1, 0),
                new("gateway's peer: checks the proposal, signs the response", 1, 1),
            ];
        }

        double block = Math.Max(1, perBlock);
        int endorsingPeers = Math.Min(endorsers, peers);
        // Endorsement signatures committers still verify: each peer remembers its own, the gateway's peer also those
        // it checked before assembling the transaction.
        int endorsementChecks = Math.Max(0, (peers * endorsers) - endorsingPeers - (endorsers - 1));
        return
        [
            new("client: signs the proposal and the transaction envelope", 2, 0),
            new($"endorsing peers ({endorsers}): each checks the proposal and signs its endorsement", endorsers, endorsers),
            new("gateway: checks each remote endorsement", 0, endorsers - 1),
            new("gateway: checks the client's envelope signature before broadcast", 0, 1),
            new("orderer Broadcast: /Channel/Writers check of the envelope", 0, 1),
            new($"orderers ({orderers}): each signs every block it writes, ÷ {block:0.#} tx/block", orderers / block, 0),
            new($"peers ({peers}): block signature check, ÷ {block:0.#} tx/block", 0, peers / block),
            new($"peers ({peers}): creator signature of the transaction, but the gateway's peer remembers it", 0, Math.Max(0, peers - 1)),
            new($"peers ({peers}): {endorsers} endorsement signature(s) against the policy, less those a peer made or its gateway checked", 0, endorsementChecks),
        ];
    }

    public static CryptoCeiling Compute(double signPerCore, double verifyPerCore, int cores, double perBlock, IReadOnlyList<SignatureCount> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        double signs = counts.Sum(c => c.Signs);
        double verifies = counts.Sum(c => c.Verifies);
        double secondsPerTx = (signs / signPerCore) + (verifies / verifyPerCore);
        return new CryptoCeiling(signPerCore, verifyPerCore, cores, perBlock, counts, signs, verifies, cores / secondsPerTx);
    }

    /// <summary>Endorsements a signature policy needs: every principal of an AND, one of an OR, N of an OutOf(N, ...).
    /// Null for what this reading does not cover (nested or implicit-meta policies).</summary>
    public static int? EndorsersFor(string policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        string p = policy.Replace(" ", "", StringComparison.Ordinal);
        int principals = Principal().Matches(p).Count;
        Match outOf = OutOf().Match(p);
        return p switch
        {
            _ when p.Count(c => c == '(') != 1 => null,
            _ when p.StartsWith("AND(", StringComparison.OrdinalIgnoreCase) => principals,
            _ when p.StartsWith("OR(", StringComparison.OrdinalIgnoreCase) => Math.Min(1, principals),
            _ when outOf.Success => int.Parse(outOf.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    private static double Rate(TimeSpan duration, Action operation)
    {
        for (int i = 0; i < 200; i++)
        {
            operation();
        }

        // The best of 50 ms slices: on a machine shared with other work (the idle network, builds) a slice now and
        // then has the core to itself, and that rate is the core's.
        double best = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            long count = 0;
            long start = Stopwatch.GetTimestamp();
            while (Stopwatch.GetElapsedTime(start) < TimeSpan.FromMilliseconds(50))
            {
                for (int i = 0; i < 10; i++)
                {
                    operation();
                }

                count += 10;
            }

            best = Math.Max(best, count / Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        return best;
    }

    [GeneratedRegex("'[^']+'")]
    private static partial Regex Principal();

    [GeneratedRegex(@"^OutOf\((\d+),", RegexOptions.IgnoreCase)]
    private static partial Regex OutOf();
}
