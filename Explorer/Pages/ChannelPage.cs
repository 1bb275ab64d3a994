using System.Text.Json;
using Fabricish.Explorer.Ledger;
using Fabricish.Explorer.Web;
using Microsoft.AspNetCore.Http;

namespace Fabricish.Explorer.Pages;

/// <summary><c>/channels/{channel}</c>: height, blocks per minute, the live committed tx/s chart with the mix of
/// validation codes, and the newest blocks. The chart script keeps it current from <c>/channels/{channel}/events</c>.</summary>
public static class ChannelPage
{
    public static IResult Render(ChannelIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        ThroughputSnapshot rate = index.Throughput();
        Dictionary<string, int> mix = index.CodeMix().ToDictionary(c => ValidationCodeNames.Name(c.Key), c => c.Value);
        string root = Layout.ChannelPath(index.ChannelId);
        var html = new HtmlWriter();
        if (index.LastError is { } error)
        {
            html.Element("p", $"Following the channel failed: {error}", "error");
        }

        html.Raw("<div class=\"cards\">")
            .Raw(Card("height", HtmlWriter.Format($"{index.Height}"), "height"))
            .Raw(Card("tx-rate", HtmlWriter.Format($"{rate.RecentTxPerSecond:0.0}"), "committed tx/s (last 10 s)"))
            .Raw(Card("blocks-per-minute", HtmlWriter.Format($"{rate.BlocksPerMinute:0}"), "blocks in the last minute"))
            .Raw(Card("kept", HtmlWriter.Format($"{index.Capacity}"), "newest blocks kept in memory"))
            .Raw("</div>");
        html.Element("h2", "Committed transactions per second, last minute");
        html.Raw(HtmlWriter.Format($"<svg id=\"tx-chart\" class=\"chart\" viewBox=\"0 0 600 160\" role=\"img\" aria-label=\"committed transactions per second\" data-end=\"{rate.EndSecond}\" "))
            .Raw($"data-valid=\"{string.Join(',', rate.Valid)}\" data-invalid=\"{string.Join(',', rate.Invalid)}\" ")
            .Raw($"data-mix=\"{HtmlWriter.Encode(JsonSerializer.Serialize(mix))}\" data-events=\"{HtmlWriter.Encode(root + "/events")}\"></svg>")
            .Raw("<p class=\"muted\">Green: VALID; red: any other validation code. Bars move as the peer commits blocks.</p>");
        html.Element("h2", "Validation codes of the kept blocks")
            .Table(["Code", "Transactions"], mix.OrderByDescending(m => m.Value).Select(m => (IReadOnlyList<string>)
                [$"<span class=\"{(m.Key == "VALID" ? "code-valid" : "code-invalid")}\">{HtmlWriter.Encode(m.Key)}</span>", HtmlWriter.Format($"{m.Value}")]), "code-mix");
        html.Element("h2", "Newest blocks");
        BlockTable.Write(html, index.ChannelId, index.Recent(10), "recent-blocks");
        html.Raw("<p>").Raw(HtmlWriter.Link(root + "/blocks", "All blocks")).Raw("</p>");
        return Layout.Page($"Channel {index.ChannelId}", index.ChannelId, html, chart: true);
    }

    private static string Card(string id, string value, string label) =>
        $"<div class=\"card\"><div class=\"value\" id=\"{id}\">{HtmlWriter.Encode(value)}</div><div class=\"label\">{HtmlWriter.Encode(label)}</div></div>";
}
