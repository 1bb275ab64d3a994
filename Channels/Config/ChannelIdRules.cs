using System.Text.RegularExpressions;

namespace Fabricish.Channels.Config;

/// <summary>Fabric's <c>configtx.ValidateChannelID</c>: the id names a Kafka topic and a ledger folder, so it is
/// restricted to lower-case letters, digits, dots and dashes, starting with a letter, under 250 characters.</summary>
public static partial class ChannelIdRules
{
    public const int MaxLength = 249;

    /// <returns>Null when valid, otherwise Fabric's wording of the problem.</returns>
    public static string? Validate(string? channelId)
    {
        if (string.IsNullOrEmpty(channelId))
        {
            return "channel ID illegal, cannot be empty";
        }

        if (channelId.Length > MaxLength)
        {
            return $"channel ID illegal, cannot be longer than {MaxLength}";
        }

        return Allowed().IsMatch(channelId)
            ? null
            : $"'{channelId}' contains illegal characters, allowed characters are lowercase letters, digits, '.' and '-', and it must start with a letter";
    }

    [GeneratedRegex("^[a-z][a-z0-9.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Allowed();
}
