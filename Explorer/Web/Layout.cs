using Microsoft.AspNetCore.Http;

namespace Fabricish.Explorer.Web;

/// <summary>The frame of every page: title, navigation (network; per channel overview, blocks, chaincodes, config),
/// the stylesheet, and the chart script where a page has a chart.</summary>
public static class Layout
{
    public static IResult Page(string title, string? channel, HtmlWriter body, bool chart = false, int status = StatusCodes.Status200OK)
    {
        ArgumentNullException.ThrowIfNull(body);
        var html = new HtmlWriter();
        html.Raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Raw("<meta name=\"color-scheme\" content=\"light dark\">")
            .Element("title", $"{title} · Fabricish explorer")
            .Raw("<link rel=\"stylesheet\" href=\"/static/site.css\">");
        if (chart)
        {
            html.Raw("<script src=\"/static/chart.js\" defer></script>");
        }

        html.Raw("</head><body><header><nav>").Raw(HtmlWriter.Link("/", "Fabricish explorer"));
        if (channel is not null)
        {
            string root = ChannelPath(channel);
            html.Raw("<span class=\"channel\">").Text(channel).Raw("</span>")
                .Raw(HtmlWriter.Link(root, "Overview"))
                .Raw(HtmlWriter.Link(root + "/blocks", "Blocks"))
                .Raw(HtmlWriter.Link(root + "/chaincodes", "Chaincodes"))
                .Raw(HtmlWriter.Link(root + "/config", "Config"));
        }

        html.Raw("</nav></header><main>").Element("h1", title).Raw(body.ToString()).Raw("</main></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", statusCode: status);
    }

    public static string ChannelPath(string channel) => "/channels/" + Uri.EscapeDataString(channel);

    public static string BlockPath(string channel, ulong number) => HtmlWriter.Format($"{ChannelPath(channel)}/blocks/{number}");

    public static string TransactionPath(string channel, string txId, ulong block) =>
        HtmlWriter.Format($"{ChannelPath(channel)}/transactions/{Uri.EscapeDataString(txId)}?block={block}");

    /// <summary>A short hash for tables; the full one is on the detail page.</summary>
    public static string Short(string hex) => hex.Length > 16 ? hex[..16] + "…" : hex;

    public static string Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
