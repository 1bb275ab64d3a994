using System.Globalization;
using System.Security.Cryptography;

namespace Fabricish.Benchmarks.Network;

/// <summary>
/// The chaincode call each bench transaction makes, and the assets it needs created first. Keys carry a random run tag
/// so runs against the same network never collide. Closed loop: transfer gives each worker its own key (it waits for
/// the commit before touching it again, so no MVCC conflict is possible); open loop cycles through rate × 5 keys.
/// </summary>
public sealed class Workload
{
    private const string Owner = "bench";
    private readonly string[] _seedKeys;

    public Workload(NetworkBenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Kind = options.Workload;
        AssetBytes = options.AssetBytes;
        Tag = "b" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        int seeds = Kind switch
        {
            WorkloadKind.Create => 0,
            WorkloadKind.Hot => options.HotKeys,
            _ when options.Rate is { } rate => (int)Math.Clamp(Math.Ceiling(rate * 5), options.Workers, 50_000),
            _ => options.Workers,
        };
        _seedKeys = [.. Enumerable.Range(0, seeds).Select(i => string.Create(CultureInfo.InvariantCulture, $"{Tag}-s{i}"))];
    }

    public WorkloadKind Kind { get; }

    public int AssetBytes { get; }

    public string Tag { get; }

    /// <summary>Whether transactions are ordered and committed (all but query).</summary>
    public bool Submits => Kind != WorkloadKind.Query;

    /// <summary>Assets created before the load starts.</summary>
    public IReadOnlyList<string> SeedKeys => _seedKeys;

    /// <summary>The function and arguments of transaction <paramref name="sequence"/> started by <paramref name="worker"/>.</summary>
    public (string Function, string[] Arguments) Next(int worker, long sequence) => Kind switch
    {
        WorkloadKind.Create => Create(string.Create(CultureInfo.InvariantCulture, $"{Tag}-c{sequence}")),
        WorkloadKind.Transfer => Transfer(_seedKeys[(int)((_seedKeys.Length == 0 ? 0 : OpenLoopIndex(worker, sequence)) % _seedKeys.Length)], sequence),
        WorkloadKind.Hot => Transfer(_seedKeys[Random.Shared.Next(_seedKeys.Length)], sequence),
        WorkloadKind.Query => ("ReadAsset", [_seedKeys[(int)(sequence % _seedKeys.Length)]]),
        _ => throw new InvalidOperationException($"unknown workload {Kind}"),
    };

    /// <summary>In the closed loop the worker index picks the key; the open loop passes worker -1.</summary>
    private static long OpenLoopIndex(int worker, long sequence) => worker >= 0 ? worker : sequence;

    /// <summary>CreateAsset(id, color, size, owner, appraisedValue) with the color padded so the stored JSON document
    /// (Asset's fields as the chaincode serialises them) is <see cref="AssetBytes"/> long.</summary>
    public (string Function, string[] Arguments) Create(string id)
    {
        int bare = string.Create(CultureInfo.InvariantCulture,
            $$"""{"ID":"{{id}}","Color":"","Size":5,"Owner":"{{Owner}}","AppraisedValue":300,"docType":"asset"}""").Length;
        return ("CreateAsset", [id, new string('c', Math.Max(1, AssetBytes - bare)), "5", Owner, "300"]);
    }

    private static (string Function, string[] Arguments) Transfer(string id, long sequence) =>
        ("TransferAsset", [id, string.Create(CultureInfo.InvariantCulture, $"owner{sequence % 1000}")]);
}
