using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fabricish.Benchmarks.Harness;

/// <summary>What the bench's reports share: a Markdown document for people (a heading with the start time, the
/// run's setting as bullets, tables) and the JSON for comparing runs, saved side by side. Lines end in '\n' on every
/// platform, so reports compare as text.</summary>
public sealed class ReportDocument
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // A figure with nothing to divide by is NaN: written as "NaN" rather than failing the whole report.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // A local report file read by people: '+', '×' and '→' need no escaping.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly StringBuilder _md = new();

    /// <summary>Starts the document with "## <paramref name="title"/>, <paramref name="startedAt"/> UTC" and a blank line.</summary>
    public ReportDocument(string title, DateTimeOffset startedAt)
    {
        Line(Inv($"## {title}, {startedAt:yyyy-MM-dd HH:mm:ss} UTC"));
        Line();
    }

    public static string ToJson<T>(T report) => JsonSerializer.Serialize(report, Json);

    public static T? FromJson<T>(string json) => JsonSerializer.Deserialize<T>(json, Json);

    /// <summary>Writes <c><paramref name="name"/>-&lt;time&gt;.json</c> and <c>.md</c> into <paramref name="directory"/>;
    /// returns the JSON path.</summary>
    public static string Write(string directory, string name, DateTimeOffset startedAt, string json, string markdown)
    {
        Directory.CreateDirectory(directory);
        string stem = Path.Combine(directory, $"{name}-{startedAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
        File.WriteAllText(stem + ".json", json);
        File.WriteAllText(stem + ".md", markdown);
        return stem + ".json";
    }

    /// <summary>The text with numbers and dates formatted the same on every machine.</summary>
    public static string Inv(FormattableString text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.ToString(CultureInfo.InvariantCulture);
    }

    public ReportDocument Line(string text = "")
    {
        _md.Append(text).Append('\n');
        return this;
    }

    public ReportDocument Bullet(string text) => Line("- " + text);

    /// <summary>A table's head: <paramref name="first"/> left-aligned, the <paramref name="figures"/> columns
    /// right-aligned, and a left-aligned <paramref name="last"/> column (a target, say) if given.</summary>
    public ReportDocument Table(string first, IEnumerable<string> figures, string? last = null)
    {
        string[] columns = [.. figures];
        string tail = last is null ? "" : " " + last + " |";
        Line($"| {first} | {string.Join(" | ", columns)} |{tail}");
        return Line("| --- |" + string.Concat(columns.Select(_ => " ---: |")) + (last is null ? "" : " --- |"));
    }

    public ReportDocument Row(params IEnumerable<string> cells) => Line($"| {string.Join(" | ", cells)} |");

    public override string ToString() => _md.ToString();
}
