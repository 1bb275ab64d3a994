using System.Globalization;

namespace Fabricish.Benchmarks.Chaos;

/// <summary>What <c>./fabricish chaos</c> runs: which faults, for how long, under how much load, on which network.</summary>
public sealed record ChaosOptions
{
    public const string Usage = """
        Usage: ./fabricish chaos [options]
          A repeatable fault suite on a network under open-loop create load: each fault is injected, held, healed the
          way its operator would (the killed component started again, the frozen one thawed, the cut healed), and then
          the network must recover on its own. Afterwards both peers' ledgers are read back and checked against the
          client's record: lost = acknowledged by the orderer but missing or not VALID on a peer; doubled = VALID twice.
          --run-dir DIR        the network (default ./.run/chaos); started with ./fabricish up --hosts netns when it
                               does not run (network faults need it), stopped again at the end unless --keep
          --short              the quick version ./fabricish test runs: fewer faults, shorter holds
          --faults A,B,...     only these faults (see the list below), in the suite's order
          --rate R             transactions started per second during the faults (default 20; --short 10)
          --hold SECONDS       how long a killed or frozen component stays down (default 15; --short 6)
          --partition SECONDS  how long Org2's host is cut off from the orderers (default 20; --short 10)
          --latency MS:JITTER  the between-organization delay of the latency run (default 50:10)
          --keep               leave a network this command started running
          --output DIR         report folder (default RUN/chaos/<time>)
        Faults: kafka-leader orderer peer couchdb chaincode freeze tamper-admin tamper-statedb partition latency
        """;

    /// <summary>Every fault of the full suite, in the order it runs them.</summary>
    public static readonly IReadOnlyList<string> AllFaults =
        ["kafka-leader", "orderer", "peer", "couchdb", "chaincode", "freeze", "tamper-admin", "tamper-statedb", "partition", "latency"];

    /// <summary>The quick version: one of each kind (crash, tamper, network).</summary>
    public static readonly IReadOnlyList<string> ShortFaults = ["orderer", "peer", "tamper-admin", "tamper-statedb", "partition", "latency"];

    private static readonly string[] ValueOptions = ["--run-dir", "--faults", "--rate", "--hold", "--partition", "--latency", "--output"];

    public string? RunDirectory { get; init; }

    public bool Short { get; init; }

    public IReadOnlyList<string>? Faults { get; init; }

    public double? Rate { get; init; }

    public TimeSpan? Hold { get; init; }

    public TimeSpan? Partition { get; init; }

    public int LatencyMs { get; init; } = 50;

    public int JitterMs { get; init; } = 10;

    public bool Keep { get; init; }

    public string? OutputDirectory { get; init; }

    public IReadOnlyList<string> SelectedFaults => Faults ?? (Short ? ShortFaults : AllFaults);

    public double LoadRate => Rate ?? (Short ? 10 : 20);

    public TimeSpan HoldFor => Hold ?? TimeSpan.FromSeconds(Short ? 6 : 15);

    public TimeSpan PartitionFor => Partition ?? TimeSpan.FromSeconds(Short ? 10 : 20);

    /// <summary>Normal load between faults, so each fault starts from a network that commits.</summary>
    public TimeSpan Settle => TimeSpan.FromSeconds(Short ? 4 : 8);

    /// <summary>Each window of the latency run (without, then with the delay).</summary>
    public TimeSpan LatencyWindow => TimeSpan.FromSeconds(Short ? 8 : 20);

    /// <summary>How long the network may take to recover on its own after a heal before a hand is needed.</summary>
    public TimeSpan RecoveryTimeout => TimeSpan.FromSeconds(90);

    /// <summary>A transaction not committed on both peers by then fails as a timeout (longer than any fault).</summary>
    public TimeSpan TransactionTimeout => TimeSpan.FromSeconds(120);

    /// <summary>Parses <paramref name="args"/>; null with <paramref name="error"/> naming the bad option.</summary>
    public static ChaosOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new ChaosOptions();
        error = null;
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            switch (name)
            {
                case "--short":
                    options = options with { Short = true };
                    continue;
                case "--keep":
                    options = options with { Keep = true };
                    continue;
            }

            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value (or is not an option; see --help)";
                return null;
            }

            string value = args[++i];
            ChaosOptions? next = name switch
            {
                "--run-dir" => options with { RunDirectory = value },
                "--faults" => ParseFaults(value, out error) is { } faults ? options with { Faults = faults } : null,
                "--rate" => Number(value) is { } r and > 0 ? options with { Rate = r } : null,
                "--hold" => Number(value) is { } h and > 0 ? options with { Hold = TimeSpan.FromSeconds(h) } : null,
                "--partition" => Number(value) is { } p and > 0 ? options with { Partition = TimeSpan.FromSeconds(p) } : null,
                "--latency" => Latency(value) is ({ } ms, { } jitter) ? options with { LatencyMs = ms, JitterMs = jitter } : null,
                "--output" => options with { OutputDirectory = value },
                _ => null,
            };
            if (next is null)
            {
                error ??= ValueOptions.Contains(name, StringComparer.Ordinal) ? $"{name} {value}: not a valid value" : $"unknown option {name}";
                return null;
            }

            options = next;
        }

        return options;
    }

    private static List<string>? ParseFaults(string value, out string? error)
    {
        List<string> names = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        if (names.FirstOrDefault(n => !AllFaults.Contains(n, StringComparer.Ordinal)) is { } unknown)
        {
            error = $"--faults: no fault '{unknown}'; the faults are {string.Join(", ", AllFaults)}";
            return null;
        }

        error = null;
        return names.Count == 0 ? null : [.. AllFaults.Where(names.Contains)];
    }

    private static double? Number(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) ? number : null;

    private static (int?, int?) Latency(string value)
    {
        string[] parts = value.Split(':');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int ms)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int jitter) && jitter <= ms && ms > 0
            ? (ms, jitter)
            : (null, null);
    }
}
