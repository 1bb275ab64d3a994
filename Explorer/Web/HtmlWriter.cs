using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Fabricish.Explorer.Web;

/// <summary>The explorer's pages are built with this rather than templates: every text goes through
/// <see cref="Text"/> (HTML-encoded: keys, arguments and subjects come from the ledger, i.e. from any channel member),
/// and only the writer's own markup is raw.</summary>
public sealed class HtmlWriter
{
    private readonly StringBuilder _html = new();

    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    public static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public HtmlWriter Raw(string html)
    {
        _html.Append(html);
        return this;
    }

    public HtmlWriter Text(string? text)
    {
        _html.Append(Encode(text));
        return this;
    }

    /// <summary><c>&lt;tag class="…"&gt;text&lt;/tag&gt;</c>.</summary>
    public HtmlWriter Element(string tag, string? text, string? cssClass = null, string? id = null)
    {
        _html.Append('<').Append(tag);
        if (cssClass is not null)
        {
            _html.Append(" class=\"").Append(Encode(cssClass)).Append('"');
        }

        if (id is not null)
        {
            _html.Append(" id=\"").Append(Encode(id)).Append('"');
        }

        _html.Append('>').Append(Encode(text)).Append("</").Append(tag).Append('>');
        return this;
    }

    public static string Link(string href, string? text) => $"<a href=\"{Encode(href)}\">{Encode(text)}</a>";

    /// <summary>A table of already-encoded cells (<see cref="Encode"/> or <see cref="Link"/>).</summary>
    public HtmlWriter Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string? id = null)
    {
        _html.Append(id is null ? "<div class=\"scroll\"><table>" : $"<div class=\"scroll\"><table id=\"{Encode(id)}\">").Append("<thead><tr>");
        foreach (string header in headers)
        {
            _html.Append("<th>").Append(Encode(header)).Append("</th>");
        }

        _html.Append("</tr></thead><tbody>");
        foreach (IReadOnlyList<string> row in rows)
        {
            _html.Append("<tr>");
            foreach (string cell in row)
            {
                _html.Append("<td>").Append(cell).Append("</td>");
            }

            _html.Append("</tr>");
        }

        _html.Append("</tbody></table></div>");
        return this;
    }

    /// <summary>Label/value pairs; values already encoded.</summary>
    public HtmlWriter Facts(IEnumerable<(string Label, string Value)> facts)
    {
        _html.Append("<dl class=\"facts\">");
        foreach ((string label, string value) in facts)
        {
            _html.Append("<dt>").Append(Encode(label)).Append("</dt><dd>").Append(value).Append("</dd>");
        }

        _html.Append("</dl>");
        return this;
    }

    public override string ToString() => _html.ToString();
}
