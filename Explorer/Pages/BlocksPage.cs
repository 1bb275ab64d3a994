using Fabricish.Explorer.Ledger;
using Fabricish.Explorer.Web;
using Fabricish.Protos.Common;
using Microsoft.AspNetCore.Http;

namespace Fabricish.Explorer.Pages;

/// <summary><c>/channels/{channel}/blocks?before=N</c>: twenty blocks at a time, newest first; the kept ones from
/// memory, older ones read from the peer by number.</summary>
public static class BlocksPage
{
    private const int PageSize = 20;

    public static async Task<IResult> RenderAsync(ChannelIndex index, ExplorerConnection connection, ulong? before, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(connection);
        ulong end = Math.Min(before ?? index.Height, index.Height);
        ulong from = end > PageSize ? end - PageSize : 0;
        IReadOnlyList<BlockSummary> blocks = index.Recent(PageSize, end);
        if (end > from && (blocks.Count != (int)(end - from) || blocks[^1].Number != from))
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            IReadOnlyList<Block> read = await connection.ReadBlocksAsync(index.ChannelId, from, end - 1, cancellationToken).ConfigureAwait(false);
            blocks = [.. read.Select(b => BlockSummary.From(b, now)).OrderByDescending(b => b.Number)];
        }

        var html = new HtmlWriter();
        html.Element("p", $"Height {index.Height}; blocks {from} to {(end == 0 ? 0 : end - 1)}.", "muted");
        BlockTable.Write(html, index.ChannelId, blocks, "blocks");
        string root = Layout.ChannelPath(index.ChannelId);
        html.Raw("<p>");
        if (end < index.Height)
        {
            html.Raw(HtmlWriter.Link(HtmlWriter.Format($"{root}/blocks?before={Math.Min(index.Height, end + PageSize)}"), "Newer")).Raw(" · ");
        }

        if (from > 0)
        {
            html.Raw(HtmlWriter.Link(HtmlWriter.Format($"{root}/blocks?before={from}"), "Older"));
        }

        html.Raw("</p>");
        return Layout.Page($"Blocks of {index.ChannelId}", index.ChannelId, html);
    }
}
