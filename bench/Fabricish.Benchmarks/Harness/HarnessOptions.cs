using System.Globalization;
using Fabricish.Benchmarks.Network;
using Fabricish.Orderer.Kafka;

namespace Fabricish.Benchmarks.Harness;

/// <summary>Command-line settings of the <c>orderer</c> mode.</summary>
public sealed record HarnessOptions
{
    public const string Usage = """
        Usage: Fabricish.Benchmarks orderer [options]
          --bootstrap HOST:PORT,...  use this Kafka instead of starting ZooKeeper + Kafka 0.9 from .deps
          --protocol legacy09|modern Kafka protocol generation for --bootstrap (default legacy09)
          --brokers N                brokers to start when no --bootstrap is given (default 3)
          --clients N                concurrent broadcast clients (default 64)
          --duration SECONDS         measured window (default 30)
          --warmup SECONDS           load before the window opens (default 5)
          --envelope-bytes N         payload + signature bytes per envelope (default 1024)
          --max-message-count N      BatchSize.MaxMessageCount of the test channel (default 500)
          --batch-timeout MS         BatchTimeout of the test channel (default 2000)
          --via grpc|inprocess       gRPC Broadcast of the orderer host in a child process (default when its build is
                                     found), or the same pipeline called in this process
          --orderer-dll PATH         the orderer host's fabricish-orderer.dll (default: found in the build output)
          --output DIR               where the JSON and Markdown reports go (default .run/bench)
        """;

    public string? Bootstrap { get; init; }

    public KafkaProtocol Protocol { get; init; } = KafkaProtocol.Legacy09;

    public int Brokers { get; init; } = 3;

    public int Clients { get; init; } = 64;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);

    public int EnvelopeBytes { get; init; } = BenchEnvelopes.DefaultEnvelopeBytes;

    public uint MaxMessageCount { get; init; } = 500;

    public TimeSpan BatchTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public string? OutputDirectory { get; init; }

    /// <summary>"grpc", "inprocess", or null to use gRPC when the orderer host's build is found.</summary>
    public string? Via { get; init; }

    public string? OrdererDll { get; init; }

    /// <summary>Parses <paramref name="args"/>; null with <paramref name="error"/> on a bad or unknown option.</summary>
    public static HarnessOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new HarnessOptions();
        error = null;
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value";
                return null;
            }

            string value = args[++i];
            HarnessOptions? next = name switch
            {
                "--bootstrap" => options with { Bootstrap = value },
                "--protocol" => value switch
                {
                    "legacy09" => options with { Protocol = KafkaProtocol.Legacy09 },
                    "modern" => options with { Protocol = KafkaProtocol.Modern },
                    _ => null,
                },
                "--brokers" => Positive(value) is { } b ? options with { Brokers = b } : null,
                "--clients" => Positive(value) is { } c ? options with { Clients = c } : null,
                "--duration" => Positive(value) is { } d ? options with { Duration = TimeSpan.FromSeconds(d) } : null,
                "--warmup" => int.TryParse(value, CultureInfo.InvariantCulture, out int w) && w >= 0 ? options with { Warmup = TimeSpan.FromSeconds(w) } : null,
                "--envelope-bytes" => Positive(value) is { } e ? options with { EnvelopeBytes = e } : null,
                "--max-message-count" => Positive(value) is { } m ? options with { MaxMessageCount = (uint)m } : null,
                "--batch-timeout" => Positive(value) is { } t ? options with { BatchTimeout = TimeSpan.FromMilliseconds(t) } : null,
                "--output" => options with { OutputDirectory = value },
                "--via" => value is "grpc" or "inprocess" ? options with { Via = value } : null,
                "--orderer-dll" => options with { OrdererDll = value },
                _ => null,
            };
            if (next is null)
            {
                error = $"bad option or value: {name} {value}";
                return null;
            }

            options = next;
        }

        return options;
    }

    private static int? Positive(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : null;
}
