using Microsoft.AspNetCore.Http;

namespace Fabricish.Explorer.Web;

/// <summary>The stylesheet and the chart script, embedded in the assembly (nothing is fetched from elsewhere).</summary>
public static class StaticAssets
{
    private static readonly Dictionary<string, (byte[] Content, string Type)> Assets = new(StringComparer.Ordinal)
    {
        ["site.css"] = (Load("site.css"), "text/css; charset=utf-8"),
        ["chart.js"] = (Load("chart.js"), "text/javascript; charset=utf-8"),
    };

    public static IResult Serve(string name) =>
        Assets.TryGetValue(name, out var asset) ? Results.Bytes(asset.Content, asset.Type) : Results.NotFound();

    private static byte[] Load(string name)
    {
        using Stream stream = typeof(StaticAssets).Assembly.GetManifestResourceStream("wwwroot/" + name)
            ?? throw new InvalidOperationException($"wwwroot/{name} is not embedded in the explorer");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
