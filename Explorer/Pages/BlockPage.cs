using Fabricish.Explorer.Ledger;
using Fabricish.Explorer.Web;
using Fabricish.Protos.Common;
using Microsoft.AspNetCore.Http;

namespace Fabricish.Explorer.Pages;

/// <summary><c>/channels/{channel}/blocks/{number}</c>: header hashes, the orderer's signatures, the last config block
/// and commit hash from the metadata, and every transaction with the peer's validation code.</summary>
public static class BlockPage
{
    public static async Task<IResult> RenderAsync(ChannelIndex index, ExplorerConnection connection, ulong number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(connection);
        if (number >= index.Height)
        {
            return PageErrors.NotFound(index.ChannelId, HtmlWriter.Format($"Block {number} is not committed yet: the height of {index.ChannelId} is {index.Height}."));
        }

        Block block = index.TryGetBlock(number) ?? await connection.ReadBlockAsync(index.ChannelId, number, cancellationToken).ConfigureAwait(false);
        BlockDetail detail = BlockDetail.From(block, DateTimeOffset.UtcNow);
        string channel = index.ChannelId;
        var html = new HtmlWriter();
        html.Element("h2", "Header").Facts(
        [
            ("Number", HtmlWriter.Format($"{number}")),
            ("Header hash", Mono(detail.Summary.HeaderHash)),
            ("Previous hash", number == 0 ? Mono(detail.Summary.PreviousHash) : HtmlWriter.Link(Layout.BlockPath(channel, number - 1), detail.Summary.PreviousHash)),
            ("Data hash", Mono(detail.Summary.DataHash)),
            ("Transactions", HtmlWriter.Format($"{detail.Summary.TxCount} ({detail.Summary.ValidCount} valid)")),
            ("Newest transaction time", HtmlWriter.Encode(Layout.Time(detail.Summary.Time))),
        ]);
        html.Element("h2", "Metadata").Facts(
        [
            ("Last config block", detail.LastConfig is { } last ? HtmlWriter.Link(Layout.BlockPath(channel, last), HtmlWriter.Format($"{last}")) : "none"),
            ("Commit hash", detail.CommitHash is { } hash ? Mono(hash) : "none"),
        ]);
        html.Element("h2", "Orderer signatures").Table(["Signer MSP", "Signer", "Signature"], detail.OrdererSignatures.Select(s => (IReadOnlyList<string>)
            [HtmlWriter.Encode(s.Signer.MspId), HtmlWriter.Encode(s.Signer.Subject), Mono(Layout.Short(s.Signature))]));
        html.Element("h2", "Transactions").Table(["#", "Transaction ID", "Type", "Code", "Creator", "Chaincode"], detail.Transactions.Select(t => (IReadOnlyList<string>)
        [
            HtmlWriter.Format($"{t.Index}"),
            t.TxId.Length > 0 ? HtmlWriter.Link(Layout.TransactionPath(channel, t.TxId, number), Layout.Short(t.TxId)) : "",
            HtmlWriter.Encode(t.Type),
            BlockTable.Code(t.Code),
            HtmlWriter.Encode(t.Creator?.MspId),
            HtmlWriter.Encode(t.Chaincode),
        ]), "transactions");
        return Layout.Page(HtmlWriter.Format($"Block {number}"), channel, html);
    }

    private static string Mono(string text) => $"<span class=\"mono\">{HtmlWriter.Encode(text)}</span>";
}
