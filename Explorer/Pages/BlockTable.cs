using Fabricish.Explorer.Ledger;
using Fabricish.Explorer.Web;

namespace Fabricish.Explorer.Pages;

/// <summary>The block list of the channel and blocks pages: number, header hash, transactions (how many VALID),
/// newest transaction time.</summary>
public static class BlockTable
{
    public static HtmlWriter Write(HtmlWriter html, string channel, IEnumerable<BlockSummary> blocks, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        return html.Table(["Block", "Hash", "Transactions", "Valid", "Time"], blocks.Select(b => (IReadOnlyList<string>)
        [
            HtmlWriter.Link(Layout.BlockPath(channel, b.Number), HtmlWriter.Format($"{b.Number}")),
            $"<span class=\"mono\">{HtmlWriter.Encode(Layout.Short(b.HeaderHash))}</span>",
            HtmlWriter.Format($"{b.TxCount}"),
            b.ValidCount == b.TxCount ? HtmlWriter.Format($"{b.ValidCount}") : HtmlWriter.Format($"<span class=\"code-invalid\">{b.ValidCount}</span>"),
            HtmlWriter.Encode(Layout.Time(b.Time)),
        ]), id);
    }

    public static string Code(int code) =>
        $"<span class=\"{(code == 0 ? "code-valid" : "code-invalid")}\">{HtmlWriter.Encode(ValidationCodeNames.Name(code))}</span>";
}
