using System.Globalization;

namespace Fabricish.Benchmarks.Committing;

/// <summary>Settings of the committing-peer benchmark, from <c>committer [--blocks N] [--couchdb URL] ...</c>.</summary>
public sealed record CommitterBenchOptions
{
    public const string Usage = """
        Usage: Fabricish.Benchmarks committer [--blocks 300] [--txs 100] [--warmup-blocks 10] [--state-db couchdb|embedded]
                                              [--couchdb http://user:pass@host:5984/] [--pouchdb-disk]
                                              [--parallel both|on|off] [--pipeline on|off|both] [--crypto-seconds 2]
          --blocks         measured blocks per run (each run commits the same pre-built blocks); the time runs
                           from handing in the first to the last one's state being written, so a short run is
                           dominated by filling and draining the pipeline; above 1000 the blocks are built while
                           they are committed (one run: the first --parallel and --pipeline mode), so memory is the
                           committer's; the resident set after 500 blocks and its peak after that are printed
          --state-db       couchdb (default: pouchdb-server or --couchdb) or embedded (RocksDB in the run's folder)
          --txs            transactions per block (2 endorsements Org1+Org2 and a client signature each)
          --couchdb        an existing CouchDB; otherwise pouchdb-server from .deps is started (in memory)
          --pouchdb-disk   pouchdb-server keeps its databases in LevelDB folders instead of memory
          --parallel       TxValidationOptions.Parallel for the runs: both (default), on or off
          --pipeline       state writes pipelined behind validation as the peer does: on (default), off or both
        """;

    public int Blocks { get; init; } = 300;

    public int TransactionsPerBlock { get; init; } = 100;

    public int WarmupBlocks { get; init; } = 10;

    public Uri? CouchDb { get; init; }

    /// <summary>The embedded store instead of CouchDB.</summary>
    public bool Embedded { get; init; }

    public bool PouchDbOnDisk { get; init; }

    public IReadOnlyList<bool> ParallelModes { get; init; } = [true, false];

    public IReadOnlyList<bool> PipelineModes { get; init; } = [true];

    public TimeSpan CryptoDuration { get; init; } = TimeSpan.FromSeconds(2);

    public static CommitterBenchOptions? Parse(string[] args, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new CommitterBenchOptions();
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--blocks" when int.TryParse(value, CultureInfo.InvariantCulture, out int blocks) && blocks > 0:
                    options = options with { Blocks = blocks };
                    break;
                case "--txs" when int.TryParse(value, CultureInfo.InvariantCulture, out int txs) && txs > 0:
                    options = options with { TransactionsPerBlock = txs };
                    break;
                case "--warmup-blocks" when int.TryParse(value, CultureInfo.InvariantCulture, out int warmup) && warmup >= 0:
                    options = options with { WarmupBlocks = warmup };
                    break;
                case "--couchdb" when Uri.TryCreate(value, UriKind.Absolute, out Uri? uri):
                    options = options with { CouchDb = uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/") };
                    break;
                case "--state-db" when value is "couchdb" or "embedded":
                    options = options with { Embedded = value == "embedded" };
                    break;
                case "--parallel" when value is "both" or "on" or "off":
                    options = options with { ParallelModes = value switch { "on" => [true], "off" => [false], _ => [true, false] } };
                    break;
                case "--pipeline" when value is "both" or "on" or "off":
                    options = options with { PipelineModes = value switch { "on" => [true], "off" => [false], _ => [true, false] } };
                    break;
                case "--crypto-seconds" when double.TryParse(value, CultureInfo.InvariantCulture, out double seconds) && seconds > 0:
                    options = options with { CryptoDuration = TimeSpan.FromSeconds(seconds) };
                    break;
                case "--pouchdb-disk":
                    options = options with { PouchDbOnDisk = true };
                    continue;
                default:
                    error = $"unknown or invalid option {args[i]} {value}";
                    return null;
            }

            i++;
        }

        return options;
    }
}
