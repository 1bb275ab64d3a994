using Fabricish.Explorer.Ledger;
using Fabricish.Explorer.Web;
using Fabricish.Protos.Common;
using Microsoft.AspNetCore.Http;

namespace Fabricish.Explorer.Pages;

/// <summary><c>/channels/{channel}/transactions/{txId}?block=N</c>: the validation code, creator, endorsers, chaincode
/// and arguments, read-write set keys and versions, chaincode event and response. A transaction of the kept blocks is
/// found by ID alone; an older one needs its block number (links carry it).</summary>
public static class TransactionPage
{
    public static async Task<IResult> RenderAsync(ChannelIndex index, ExplorerConnection connection, string txId, ulong? blockNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(connection);
        ulong? number = index.TryFindTransaction(txId)?.Block ?? blockNumber;
        if (number is null || number >= index.Height)
        {
            return PageErrors.NotFound(index.ChannelId,
                $"Transaction {txId} is not in the newest {index.Capacity} blocks of {index.ChannelId}: open it from its block (…/transactions/ID?block=N).");
        }

        Block block = index.TryGetBlock(number.Value) ?? await connection.ReadBlockAsync(index.ChannelId, number.Value, cancellationToken).ConfigureAwait(false);
        int position = Enumerable.Range(0, block.Data.Data.Count).FirstOrDefault(i => EnvelopeReader.TryChannelHeader(block.Data.Data[i])?.TxId == txId, -1);
        if (position < 0)
        {
            return PageErrors.NotFound(index.ChannelId, HtmlWriter.Format($"Block {number} of {index.ChannelId} holds no transaction {txId}."));
        }

        TransactionDetail tx = TransactionDetail.Decode(block, position);
        var html = new HtmlWriter();
        html.Facts(
        [
            ("Validation code", $"<span id=\"validation-code\" class=\"{(tx.Code == 0 ? "code-valid" : "code-invalid")}\">{HtmlWriter.Encode(ValidationCodeNames.Name(tx.Code))}</span>"),
            ("Transaction ID", $"<span class=\"mono\">{HtmlWriter.Encode(tx.TxId)}</span>"),
            ("Block", HtmlWriter.Link(Layout.BlockPath(index.ChannelId, tx.Block), HtmlWriter.Format($"{tx.Block} (transaction {tx.Index})"))),
            ("Type", HtmlWriter.Encode(tx.Type)),
            ("Time", HtmlWriter.Encode(Layout.Time(tx.Timestamp))),
            ("Creator", HtmlWriter.Encode(tx.Creator?.ToString())),
            ("Chaincode", HtmlWriter.Encode(tx.Chaincode)),
            ("Function and arguments", HtmlWriter.Encode(string.Join(" · ", tx.Arguments))),
            ("Response", tx.Response is { } r ? HtmlWriter.Encode(HtmlWriter.Format($"{r.Status} {r.Message}")) : ""),
            ("Chaincode event", tx.Event is { } e ? HtmlWriter.Encode($"{e.Name}: {e.Payload}") : "none"),
        ]);
        html.Element("h2", "Endorsers").Table(["MSP ID", "Subject"], tx.Endorsers.Select(e => (IReadOnlyList<string>)[HtmlWriter.Encode(e.MspId), HtmlWriter.Encode(e.Subject)]));
        foreach (RwSetView rw in tx.RwSets)
        {
            html.Element("h2", $"Read-write set: {rw.Namespace}");
            if (rw.RangeQueries > 0)
            {
                html.Element("p", HtmlWriter.Format($"{rw.RangeQueries} range quer{(rw.RangeQueries == 1 ? "y" : "ies")} re-checked for phantom reads."), "muted");
            }

            html.Table(["Read key", "Version read (block:tx)"], rw.Reads.Select(r => (IReadOnlyList<string>)[HtmlWriter.Encode(r.Key), HtmlWriter.Encode(r.Version)]), "reads-" + rw.Namespace)
                .Table(["Written key", "Value"], rw.Writes.Select(w => (IReadOnlyList<string>)[HtmlWriter.Encode(w.Key), HtmlWriter.Encode(w.Value)]), "writes-" + rw.Namespace);
        }

        return Layout.Page("Transaction", index.ChannelId, html);
    }
}
