using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Fabricish.Benchmarks.Chaos;

/// <summary>The suite's result: one row per fault, and the ledger checks that hold across all of them.</summary>
public sealed record ChaosReport(
    string RunDirectory,
    string Hosts,
    double Rate,
    IReadOnlyList<ChaosRow> Rows,
    long Blocks,
    bool LedgersIdentical,
    string LedgerNote,
    long Transactions)
{
    public bool Passed => LedgersIdentical && Rows.All(r => r.Passed);

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Chaos suite: {(Passed ? "PASSED" : "FAILED")}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Network {RunDirectory} ({Hosts}); open-loop create load {Rate:0.#} tx/s through both organizations' gateways; {Transactions} transactions, {Blocks} blocks.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Ledgers: {LedgerNote}");
        text.AppendLine();
        text.AppendLine("| fault | what was done | outage s | committed | invalid | failed | late | lost | doubled | hand | pass | notes |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|");
        foreach (ChaosRow row in Rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Fault} | {Cell(row.Action)} | {row.OutageSeconds:0.0} | {row.Committed} | {row.Invalid} | {row.Failed} | {row.LateCommitted} | {row.Lost} | {row.Doubled} | {Cell(row.Hand)} | {(row.Passed ? "yes" : "NO")} | {Cell(row.Notes)} |");
        }

        text.AppendLine();
        text.AppendLine("outage: seconds from the injection to the end of the fault's stretch spent in gaps of more than 2 s between commits; "
            + "committed / invalid / failed: the client's outcome of the transactions started during the fault (failed = refused, or not committed on both peers within 120 s); "
            + "late: failed for the client yet VALID in both ledgers; lost: acknowledged by the orderer (or reported committed) but missing from a peer's ledger or not VALID there; "
            + "doubled: VALID more than once in a ledger; hand: what an operator had to do beyond undoing the fault itself.");
        return text.ToString();
    }

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static string Cell(string text) => text.Replace("|", "/", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
