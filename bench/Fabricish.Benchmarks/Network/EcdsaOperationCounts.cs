using System.Globalization;
using Fabricish.Channels.Crypto;

namespace Fabricish.Benchmarks.Network;

/// <summary>
/// The ECDSA signs and verifies each peer really performed in the measured window, from its /metrics counters
/// (<see cref="EcdsaOperations"/>) read when the window opens and when it closes: with the signature memory a peer
/// verifies far fewer signatures than the places that check one, which the per-transaction model cannot see.
/// </summary>
public sealed class EcdsaOperationCounts
{
    private readonly IReadOnlyDictionary<string, string> _operations;
    private readonly Task<Dictionary<string, (long Signs, long Verifies)>> _start;
    private Task<Dictionary<string, (long Signs, long Verifies)>>? _end;

    private EcdsaOperationCounts(IReadOnlyDictionary<string, string> operations)
    {
        _operations = operations;
        _start = ReadAsync();
    }

    /// <summary>Reads the counters now (the window opens); <paramref name="operations"/>: peer name → host:port.</summary>
    public static EcdsaOperationCounts Start(IReadOnlyDictionary<string, string> operations) => new(operations);

    /// <summary>The window is over: operations after this are the drain's.</summary>
    public void End() => _end = ReadAsync();

    /// <summary>Per peer that answered both times: signs and verifies per <paramref name="committed"/> transactions.</summary>
    public async Task<IReadOnlyList<SignatureCount>> PerTransactionAsync(long committed)
    {
        Dictionary<string, (long Signs, long Verifies)> start = await _start.ConfigureAwait(false);
        Dictionary<string, (long Signs, long Verifies)> end = _end is null ? [] : await _end.ConfigureAwait(false);
        if (committed <= 0)
        {
            return [];
        }

        return [.. end.Where(e => start.ContainsKey(e.Key)).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new SignatureCount(
            e.Key,
            Math.Round((double)(e.Value.Signs - start[e.Key].Signs) / committed, 2),
            Math.Round((double)(e.Value.Verifies - start[e.Key].Verifies) / committed, 2)))];
    }

    private async Task<Dictionary<string, (long Signs, long Verifies)>> ReadAsync()
    {
        var counts = new Dictionary<string, (long Signs, long Verifies)>(StringComparer.Ordinal);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach ((string peer, string address) in _operations)
        {
            try
            {
                string text = await http.GetStringAsync(new Uri($"http://{address}/metrics")).ConfigureAwait(false);
                if (Value(text, EcdsaOperations.SignsMetric) is { } signs && Value(text, EcdsaOperations.VerifiesMetric) is { } verifies)
                {
                    counts[peer] = (signs, verifies);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // A peer whose operations endpoint does not answer (TLS, an older build) is left out of the table.
            }
        }

        return counts;
    }

    private static long? Value(string metrics, string name)
    {
        foreach (string line in metrics.Split('\n'))
        {
            if (line.StartsWith(name + " ", StringComparison.Ordinal)
                && long.TryParse(line.AsSpan(name.Length + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out long value))
            {
                return value;
            }
        }

        return null;
    }
}
