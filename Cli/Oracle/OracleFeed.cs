using System.Text.Json;
using Fabricish.Chaincode.Shim.Oracles;

namespace Fabricish.Cli.Oracle;

/// <summary>A feed file: a JSON array of observations <c>{source, symbol, value, observed_at}</c>, or one such object
/// per line (JSON Lines), as a market-data export writes them.</summary>
internal static class OracleFeed
{
    /// <returns>The observations, or null with <paramref name="error"/> naming the file and the bad entry.</returns>
    public static List<Observation>? Read(string path, out string? error)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot read the feed {path}: {e.Message}";
            return null;
        }

        string trimmed = text.TrimStart();
        IEnumerable<string> entries;
        try
        {
            entries = trimmed.StartsWith('[')
                ? [.. JsonDocument.Parse(trimmed).RootElement.EnumerateArray().Select(e => e.GetRawText())]
                : [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
        }
        catch (JsonException e)
        {
            error = $"the feed {path} is not a JSON array or JSON Lines of observations: {e.Message}";
            return null;
        }

        var observations = new List<Observation>();
        int index = 0;
        foreach (string entry in entries)
        {
            index++;
            try
            {
                observations.Add(Observation.Parse(System.Text.Encoding.UTF8.GetBytes(entry)));
            }
            catch (FormatException e)
            {
                error = $"entry {index} of the feed {path}: {e.Message}";
                return null;
            }
        }

        error = null;
        return observations;
    }
}
