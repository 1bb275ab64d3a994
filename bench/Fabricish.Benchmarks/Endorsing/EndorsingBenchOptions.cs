using System.Globalization;

namespace Fabricish.Benchmarks.Endorsing;

/// <summary>Settings of the endorsing benchmark, from <c>endorsing [--clients N] [--seconds S] ...</c>.</summary>
public sealed record EndorsingBenchOptions
{
    public const string Usage = """
        Usage: Fabricish.Benchmarks endorsing [--clients 64] [--seconds 15] [--warmup 3] [--assets 10000]
                                              [--chaincode process|inproc]
          --clients    proposals in flight at once
          --chaincode  process: the asset-transfer sample as a child process (default);
                       inproc: its ChaincodeServer in this process, still over loopback gRPC
        """;

    public int Clients { get; init; } = 64;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    public int Assets { get; init; } = 10_000;

    public bool ChaincodeInProcess { get; init; }

    public static EndorsingBenchOptions? Parse(string[] args, out string? error)
    {
        var options = new EndorsingBenchOptions();
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--clients" when int.TryParse(value, CultureInfo.InvariantCulture, out int clients) && clients > 0:
                    options = options with { Clients = clients };
                    break;
                case "--seconds" when double.TryParse(value, CultureInfo.InvariantCulture, out double seconds) && seconds > 0:
                    options = options with { Duration = TimeSpan.FromSeconds(seconds) };
                    break;
                case "--warmup" when double.TryParse(value, CultureInfo.InvariantCulture, out double warmup) && warmup >= 0:
                    options = options with { Warmup = TimeSpan.FromSeconds(warmup) };
                    break;
                case "--assets" when int.TryParse(value, CultureInfo.InvariantCulture, out int assets) && assets > 0:
                    options = options with { Assets = assets };
                    break;
                case "--chaincode" when value is "process" or "inproc":
                    options = options with { ChaincodeInProcess = value == "inproc" };
                    break;
                default:
                    error = $"unknown or invalid option {args[i]} {value}";
                    return null;
            }

            i++;
        }

        return options;
    }
}
