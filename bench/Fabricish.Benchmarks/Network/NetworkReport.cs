namespace Fabricish.Benchmarks.Network;

/// <summary>Everything one network bench run found; serialised as the JSON report, rendered as the Markdown one.</summary>
public sealed record NetworkReport
{
    public required DateTimeOffset StartedAt { get; init; }

    public required string Workload { get; init; }

    /// <summary>"closed" (W workers) or "open" (fixed start rate).</summary>
    public required string Loop { get; init; }

    public required int Workers { get; init; }

    public double? TargetRate { get; init; }

    public required int AssetBytes { get; init; }

    public required int Keys { get; init; }

    public required string Policy { get; init; }

    public required string RunDirectory { get; init; }

    public required string Channel { get; init; }

    public required string Chaincode { get; init; }

    public required IReadOnlyList<string> Gateways { get; init; }

    public required int Peers { get; init; }

    /// <summary>Each org's peer's state database, as network.json names it (empty in reports from before the choice).</summary>
    public IReadOnlyDictionary<string, string> StateDatabases { get; init; } = new Dictionary<string, string>();

    public required int Orderers { get; init; }

    public required string Machine { get; init; }

    /// <summary>The channel's BatchSize.MaxMessageCount (null: not recorded by the network's up).</summary>
    public int? BlockSize { get; init; }

    public required int Cores { get; init; }

    public required double WarmupSeconds { get; init; }

    public required double WindowSeconds { get; init; }

    /// <summary>Committed VALID per second, counted by commit time inside the window.</summary>
    public required double CommittedPerSecond { get; init; }

    public required double InvalidPerSecond { get; init; }

    /// <summary>Transactions started per second inside the window (the offered load).</summary>
    public required double StartedPerSecond { get; init; }

    public required TxAccounting Transactions { get; init; }

    /// <summary>Started inside the window: committed, invalid, failed.</summary>
    public required TxAccounting Measured { get; init; }

    public required StageLatencies Latency { get; init; }

    /// <summary>"orderer Deliver" when blocks were followed on the orderer, else "first peer commit".</summary>
    public required string OrderedAt { get; init; }

    public required double TransactionsPerBlock { get; init; }

    public required long BlocksOrdered { get; init; }

    public required IReadOnlyList<ProcessCpuUse> Cpu { get; init; }

    public double? MachineBusyCores { get; init; }

    /// <summary>CPU milliseconds of every network process together (the bench excluded) per committed transaction:
    /// the figure to hold against another system run with the same driver.</summary>
    public double? NetworkCpuMsPerCommittedTransaction { get; init; }

    public required CryptoCeiling Crypto { get; init; }

    /// <summary>Committed tx/s ÷ the crypto ceiling.</summary>
    public required double CryptoCeilingFraction { get; init; }

    public required IReadOnlyList<StageShare> WhereTimeGoes { get; init; }

    public required IReadOnlyList<TimeBucket> Timeline { get; init; }

    /// <summary><c>--trace</c>: the state database servers' requests in the window, by kind, per committed transaction.</summary>
    public IReadOnlyList<StateDbRequestCount> StateDbRequests { get; init; } = [];

    /// <summary>ECDSA signs and verifies per committed transaction each peer counted itself (/metrics) in the window.</summary>
    public IReadOnlyList<SignatureCount> MeasuredSignatures { get; init; } = [];

    public IReadOnlyList<string> Notes { get; init; } = [];

    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();
}
