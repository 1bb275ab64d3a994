using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Fabricish.Benchmarks.Network;
using Fabricish.Testing;

namespace Fabricish.Benchmarks.Chaos;

/// <summary>
/// <c>./fabricish chaos</c>: brings up (or resumes) the network with each organization on a host of its own, runs the
/// fault suite under load, reads both peers' ledgers back, prints the table and writes it with the client's record of
/// every transaction under RUN/chaos/&lt;time&gt;/. Exit 0 only when every fault passed.
/// </summary>
public static class ChaosCommand
{
    public static async Task<int> RunAsync(ChaosOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        TextWriter progress = Console.Error;
        string run = Path.GetFullPath(options.RunDirectory ?? Path.Combine(RepoPaths.Root, ".run", "chaos"));
        ChaosNetwork? network = ChaosNetwork.TryLoad(run, out _);
        string[]? up = network is null ? ["up", "--hosts", "netns", "--run-dir", run]
            : network.Stopped().Count > 0 ? ["up", "--run-dir", run]
            : null;
        if (up is not null)
        {
            await progress.WriteLineAsync($"chaos: ./fabricish {string.Join(' ', up)}").ConfigureAwait(false);
            (int code, _) = await NetworkControl.RunAsync(NetworkControl.Script, up, null, echo: true, CancellationToken.None).ConfigureAwait(false);
            if (code != 0)
            {
                await progress.WriteLineAsync($"chaos: ./fabricish {string.Join(' ', up)} failed (exit {code})").ConfigureAwait(false);
                return 1;
            }

            network = ChaosNetwork.TryLoad(run, out string? error) ?? throw new InvalidOperationException(error);
        }

        bool passed = false;
        try
        {
            ChaosReport? report = await SuiteAsync(network!, options, progress).ConfigureAwait(false);
            passed = report?.Passed == true;
            return passed ? 0 : 1;
        }
        finally
        {
            if (up is not null && !options.Keep)
            {
                // A failed run keeps its logs and ledgers for a look.
                string[] down = passed ? ["down", "--clean", "--run-dir", run] : ["down", "--run-dir", run];
                await progress.WriteLineAsync($"chaos: ./fabricish {string.Join(' ', down)}").ConfigureAwait(false);
                await NetworkControl.RunAsync(NetworkControl.Script, down, null, echo: true, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static async Task<ChaosReport?> SuiteAsync(ChaosNetwork network, ChaosOptions options, TextWriter progress)
    {
        using var load = new ChaosLoad(network, options);
        if (await load.AttachAsync().ConfigureAwait(false) is { } notAttached)
        {
            await progress.WriteLineAsync($"chaos: {notAttached}").ConfigureAwait(false);
            return null;
        }

        var context = new ChaosContext(network, load, options, progress);
        var suite = new ChaosSuite(context);
        DateTimeOffset began = DateTimeOffset.UtcNow;
        load.StartOpenLoop(options.LoadRate);
        await suite.RunAsync(CancellationToken.None).ConfigureAwait(false);
        await load.StopOpenLoopAsync().ConfigureAwait(false);
        await progress.WriteLineAsync("chaos: load stopped; waiting for the transactions in flight").ConfigureAwait(false);
        await load.DrainAsync(options.TransactionTimeout + TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        long height = await SettledHeightAsync(load).ConfigureAwait(false);
        await progress.WriteLineAsync($"chaos: reading both peers' ledgers (blocks 0-{height - 1})").ConfigureAwait(false);
        var ledgers = new List<PeerLedger>();
        foreach (OrgClient client in load.Clients)
        {
            ledgers.Add(await LedgerReader.ReadAsync(client.Endpoint.PeerName, client.Peer, client.Identity, network.Layout.Channel, height, CancellationToken.None).ConfigureAwait(false));
        }

        await load.StopWatchingAsync().ConfigureAwait(false);
        List<TxRecord> records = [.. load.Tracker.All];
        (bool identical, string ledgerNote) = Compare(ledgers, height);
        var report = new ChaosReport(network.RunDirectory, network.SeparateHosts ? "a host per organization: up --hosts netns" : "one host",
            options.LoadRate, ChaosAudit.Rows(suite.Phases, records, ledgers), height, identical, ledgerNote, records.Count);
        string folder = options.OutputDirectory is { } output
            ? Path.GetFullPath(output)
            : Path.Combine(network.RunDirectory, "chaos", began.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "report.md"), report.ToMarkdown()).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(folder, "report.json"), report.ToJson()).ConfigureAwait(false);
        await File.WriteAllLinesAsync(Path.Combine(folder, "transactions.jsonl"), records.Select(r => ClientRecord(r, suite.Phases, ledgers))).ConfigureAwait(false);
        Console.WriteLine(report.ToMarkdown());
        Console.WriteLine($"Report: {Path.Combine(folder, "report.md")} (the client's record of every transaction: transactions.jsonl)");
        return report;
    }

    /// <summary>The height every peer and the orderers agree on once the load is over (the newest any of them had if a
    /// peer never gets there within a minute: the audit then finds what is missing). A peer may report a block before
    /// this process's Deliver stream on the orderers has it: the audit must still read that block, whose transactions
    /// the client saw committed — reading only to the orderers' height counted two of them lost in a CI run.</summary>
    private static async Task<long> SettledHeightAsync(ChaosLoad load)
    {
        long deadline = Stopwatch.GetTimestamp() + 60 * Stopwatch.Frequency;
        while (Stopwatch.GetTimestamp() < deadline && load.Peers.Any(p => p.Height < Newest(load)))
        {
            await Task.Delay(250).ConfigureAwait(false);
        }

        return Newest(load);

        static long Newest(ChaosLoad load) => Math.Max(load.OrdererHeight, load.Peers.Max(p => p.Height));
    }

    private static (bool Identical, string Note) Compare(IReadOnlyList<PeerLedger> ledgers, long height)
    {
        foreach (PeerLedger ledger in ledgers)
        {
            if (ledger.Blocks.Count != height)
            {
                return (false, $"{ledger.Peer} has {ledger.Blocks.Count} blocks, the orderers {height}");
            }
        }

        for (int i = 0; i < height; i++)
        {
            if (ledgers.Skip(1).FirstOrDefault(l => !l.Blocks[i].SameAs(ledgers[0].Blocks[i])) is { } other)
            {
                return (false, $"{other.Peer} and {ledgers[0].Peer} differ at block {i}");
            }
        }

        return (true, string.Create(CultureInfo.InvariantCulture,
            $"{string.Join(" and ", ledgers.Select(l => l.Peer))} hold the same {height} blocks (previous hash, data hash, validation codes and commit hash of each)"));
    }

    private static string ClientRecord(TxRecord record, IReadOnlyList<ChaosPhase> phases, IReadOnlyList<PeerLedger> ledgers) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["txid"] = record.TransactionId,
            ["fault"] = phases.LastOrDefault(p => p.Contains(record.Start))?.Fault,
            ["gateway"] = record.Gateway,
            ["outcome"] = record.Outcome.ToString(),
            ["code"] = record.Code?.ToString(),
            ["reason"] = record.Reason,
            ["acknowledged"] = record.Submitted != 0,
            ["ledgers"] = ledgers.ToDictionary(l => l.Peer, l => l.Find(record.TransactionId).Select(e => $"{e.Block}:{e.Code}").ToArray()),
            ["lost"] = ChaosAudit.IsLost(record, ledgers),
            ["doubled"] = ChaosAudit.IsDoubled(record, ledgers),
        });
}
