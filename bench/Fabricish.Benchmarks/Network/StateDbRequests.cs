using System.Text;
using System.Text.RegularExpressions;

namespace Fabricish.Benchmarks.Network;

/// <summary>
/// <c>--trace</c>: counts the requests each state database server (pouchdb-server logs one line per request to
/// <c>logs/couchdbN.log</c>) served during the measured window, by method and endpoint — how many round trips a
/// transaction costs the peers' state databases, where most of the network's CPU goes.
/// </summary>
public sealed partial class StateDbRequests
{
    private readonly Dictionary<string, long> _startLengths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _endLengths = new(StringComparer.Ordinal);

    private StateDbRequests(string logs)
    {
        Logs = logs;
    }

    public string Logs { get; }

    public static StateDbRequests Start(string runDirectory)
    {
        var counter = new StateDbRequests(Path.Combine(runDirectory, "logs"));
        foreach (string log in counter.Files())
        {
            counter._startLengths[log] = new FileInfo(log).Length;
        }

        return counter;
    }

    /// <summary>The window is over: requests logged after this are the drain's.</summary>
    public void End()
    {
        foreach (string log in Files())
        {
            _endLengths[log] = new FileInfo(log).Length;
        }
    }

    /// <summary>Requests between <see cref="Start"/> and <see cref="End"/>, per <paramref name="committed"/> transactions.</summary>
    public IReadOnlyList<StateDbRequestCount> Count(long committed)
    {
        var counts = new List<StateDbRequestCount>();
        foreach (string log in Files())
        {
            long from = _startLengths.GetValueOrDefault(log);
            long to = _endLengths.GetValueOrDefault(log, from);
            if (to <= from)
            {
                continue;
            }

            using FileStream file = File.Open(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            file.Seek(from, SeekOrigin.Begin);
            byte[] appended = new byte[to - from];
            file.ReadExactly(appended);
            using var reader = new StringReader(Encoding.UTF8.GetString(appended));
            var byKind = new Dictionary<string, long>(StringComparer.Ordinal);
            while (reader.ReadLine() is { } line)
            {
                Match m = Request().Match(Ansi().Replace(line, ""));
                if (m.Success)
                {
                    string kind = $"{m.Groups[1].Value} {Endpoint(m.Groups[2].Value)}";
                    byKind[kind] = byKind.GetValueOrDefault(kind) + 1;
                }
            }

            string server = Path.GetFileNameWithoutExtension(log);
            counts.AddRange(byKind.OrderByDescending(k => k.Value).Select(k =>
                new StateDbRequestCount(server, k.Key, k.Value, committed > 0 ? Math.Round((double)k.Value / committed, 3) : 0)));
        }

        return counts;
    }

    /// <summary>/db/_bulk_docs stays; a document id becomes {doc} so reads of different keys count together.</summary>
    private static string Endpoint(string path)
    {
        string[] parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length switch
        {
            0 => "/",
            1 => $"/{parts[0]}",
            _ => $"/{parts[0]}/{(parts[1].StartsWith('_') || parts[1] == "statedb_savepoint" ? parts[1] : "{doc}")}",
        };
    }

    private IEnumerable<string> Files() =>
        Directory.Exists(Logs) ? Directory.EnumerateFiles(Logs, "couchdb*.log").Order(StringComparer.Ordinal) : [];

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex Ansi();

    [GeneratedRegex(@"\b(GET|POST|PUT|DELETE|HEAD|COPY) (/[^\s?]*)")]
    private static partial Regex Request();
}
