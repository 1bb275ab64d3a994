using System.Globalization;

namespace Fabricish.Benchmarks.Network;

/// <summary>Command-line settings of the whole-network bench (<c>./fabricish bench [options]</c>).</summary>
public sealed record NetworkBenchOptions
{
    public const string Usage = """
        Usage: ./fabricish bench [network] [options]       (bench micro|orderer|endorsing|committer: component benches)
          --up                   start the sample network first (./fabricish up --run-dir DIR) unless it runs already
          --base-port N|auto     with --up: the ports a new network listens on (./fabricish up --base-port)
          --state-db KIND        with --up: the peers' state database of a new network, couchdb (default) or
                                 embedded (./fabricish up --state-db)
          --block-size N         transactions per block: with --up, the channel's BatchSize.MaxMessageCount of a new
                                 network (./fabricish up --block-size, default 10); without, the network must cut N
          --down                 stop the network when the bench is over (only one this bench started with --up)
          --run-dir DIR          the network's run folder (default ./.run); reports go to DIR/bench/<time>/
          --workload NAME        create | transfer | hot | query (default transfer)
          --duration SECONDS     measured window (default 30); or
          --tx N                 stop after N transactions have been started (measured window = until they are done)
          --warmup SECONDS       load before the window opens, not counted in rates and latencies (default 15: a
                                 fresh network's nodes take about that to compile their hot code with the profile
                                 of the load)
          --workers W            closed loop: W concurrent clients, each waits for its transaction to commit on every
                                 peer before starting the next (default 96: about the peak on 2 cores)
          --rate R               open loop: start R transactions per second whatever is in flight (W is then only the
                                 number of client identities' round robin; in-flight is capped at 20000)
          --asset-size BYTES     JSON size of a created asset (default 100)
          --keys N               keys the hot workload writes (default 4); transfer/query use one per worker (closed
                                 loop) or rate x 5 (open loop)
          --policy POLICY        endorsement policy for the chaincode, e.g. "OR('Org1MSP.peer','Org2MSP.peer')":
                                 upgrades the chaincode definition through the lifecycle when it differs (default:
                                 whatever is deployed, AND('Org1MSP.peer','Org2MSP.peer') for ./fabricish up)
          --gateways org1,org2   the orgs whose peer gateways the workers use, round robin (default both)
          --tx-timeout SECONDS   a transaction not committed on every peer by then fails as a timeout (default 60)
          --trace                write every transaction's stage timings (trace.jsonl) and where the time goes
          --no-orderer-watch     do not follow the orderer's blocks (order latency then = submit → first peer commit)
          --crypto-seconds S     seconds for each of the sign and verify probes (default 1)
          --output DIR           report folder (default RUN/bench/<time>)
        Environment:
          FABRICISH_BENCH_MAX_SECONDS=S   shorten the measured window and the warm-up to at most S seconds each (the
                                 README test runs the README's bench commands as written with it); said when applied
        """;

    /// <summary>Shortens a bench run without editing its command line.</summary>
    public const string MaxSecondsVariable = "FABRICISH_BENCH_MAX_SECONDS";

    public bool Up { get; init; }

    public bool Down { get; init; }

    public string? BasePort { get; init; }

    /// <summary>With <see cref="Up"/>: ./fabricish up's --state-db for a new network.</summary>
    public string? StateDatabase { get; init; }

    /// <summary>The channel's BatchSize.MaxMessageCount the run needs: a new network's with <see cref="Up"/>, otherwise
    /// checked against the running network's.</summary>
    public int? BlockSize { get; init; }

    public string? RunDirectory { get; init; }

    public WorkloadKind Workload { get; init; } = WorkloadKind.Transfer;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    public long? TransactionCount { get; init; }

    // A fresh network's .NET nodes recompile their hot code with dynamic PGO during the first seconds of load: with 3 s,
    // a 60 s window on two shared cores counted up to a fifth more CPU per transaction than the steady state.
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(15);

    public int Workers { get; init; } = 96;

    public double? Rate { get; init; }

    public int AssetBytes { get; init; } = 100;

    public int HotKeys { get; init; } = 4;

    public string? Policy { get; init; }

    public IReadOnlyList<string> Gateways { get; init; } = [];

    public TimeSpan TransactionTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public bool Trace { get; init; }

    public bool WatchOrderer { get; init; } = true;

    public TimeSpan CryptoProbe { get; init; } = TimeSpan.FromSeconds(1);

    public string? OutputDirectory { get; init; }

    public bool OpenLoop => Rate is not null;

    /// <summary>Parses <paramref name="args"/>; null with <paramref name="error"/> naming the bad option.</summary>
    public static NetworkBenchOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new NetworkBenchOptions();
        error = null;
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            NetworkBenchOptions? flag = name switch
            {
                "--up" => options with { Up = true },
                "--down" => options with { Down = true },
                "--trace" => options with { Trace = true },
                "--no-orderer-watch" => options with { WatchOrderer = false },
                _ => null,
            };
            if (flag is not null)
            {
                options = flag;
                continue;
            }

            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value (or is not an option; see --help)";
                return null;
            }

            string value = args[++i];
            NetworkBenchOptions? next = name switch
            {
                "--run-dir" => options with { RunDirectory = value },
                "--base-port" => value.Length > 0 ? options with { BasePort = value } : null,
                "--state-db" => value is "couchdb" or "embedded" ? options with { StateDatabase = value } : null,
                "--block-size" => Positive(value) is { } b and < 10_000 ? options with { BlockSize = b } : null,
                "--workload" => ParseWorkload(value) is { } w ? options with { Workload = w } : null,
                "--duration" => Seconds(value) is { } d and > 0 ? options with { Duration = TimeSpan.FromSeconds(d), TransactionCount = null } : null,
                "--tx" => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n > 0 ? options with { TransactionCount = n } : null,
                "--warmup" => Seconds(value) is { } s and >= 0 ? options with { Warmup = TimeSpan.FromSeconds(s) } : null,
                "--workers" => Positive(value) is { } c ? options with { Workers = c } : null,
                "--rate" => Seconds(value) is { } r and > 0 ? options with { Rate = r } : null,
                "--asset-size" => Positive(value) is { } a and <= 1_000_000 ? options with { AssetBytes = a } : null,
                "--keys" => Positive(value) is { } k ? options with { HotKeys = k } : null,
                "--policy" => value.Length > 0 ? options with { Policy = value } : null,
                "--gateways" => options with { Gateways = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] },
                "--tx-timeout" => Seconds(value) is { } t and > 0 ? options with { TransactionTimeout = TimeSpan.FromSeconds(t) } : null,
                "--crypto-seconds" => Seconds(value) is { } p and > 0 ? options with { CryptoProbe = TimeSpan.FromSeconds(p) } : null,
                "--output" => options with { OutputDirectory = value },
                _ => null,
            };
            if (next is null)
            {
                error = $"bad option or value: {name} {value}";
                return null;
            }

            options = next;
        }

        if (options.Down && !options.Up)
        {
            error = "--down stops only a network this bench started: use it with --up";
            return null;
        }

        return options;
    }

    /// <summary>These options with the measured window and the warm-up shortened to <paramref name="maxSeconds"/>
    /// (the value of <see cref="MaxSecondsVariable"/>; null or empty: unchanged). Null with <paramref name="error"/>
    /// when the value is not a positive number of seconds; <paramref name="notice"/> says what was shortened.</summary>
    public NetworkBenchOptions? CappedBy(string? maxSeconds, out string? notice, out string? error)
    {
        notice = null;
        error = null;
        if (string.IsNullOrEmpty(maxSeconds))
        {
            return this;
        }

        if (Seconds(maxSeconds) is not { } cap || cap <= 0)
        {
            error = $"{MaxSecondsVariable}={maxSeconds}: must be a positive number of seconds";
            return null;
        }

        TimeSpan max = TimeSpan.FromSeconds(cap);
        NetworkBenchOptions capped = this with
        {
            Duration = Duration > max ? max : Duration,
            Warmup = Warmup > max ? max : Warmup,
        };
        if (capped != this)
        {
            notice = string.Create(CultureInfo.InvariantCulture,
                $"bench: {MaxSecondsVariable}={maxSeconds} shortens the measured window to {capped.Duration.TotalSeconds:0.###} s (asked {Duration.TotalSeconds:0.###} s) and the warm-up to {capped.Warmup.TotalSeconds:0.###} s (asked {Warmup.TotalSeconds:0.###} s)");
        }

        return capped;
    }

    private static WorkloadKind? ParseWorkload(string value) => value switch
    {
        "create" => WorkloadKind.Create,
        "transfer" => WorkloadKind.Transfer,
        "hot" => WorkloadKind.Hot,
        "query" => WorkloadKind.Query,
        _ => null,
    };

    private static double? Seconds(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && double.IsFinite(s) ? s : null;

    private static int? Positive(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : null;
}
