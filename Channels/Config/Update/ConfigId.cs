namespace Fabricish.Channels.Config.Update;

/// <summary>The names config elements may have (Fabric's configtx <c>validateConfigID</c>): 1 to 249 ASCII letters,
/// digits, dots and dashes, but not <c>.</c> or <c>..</c>; names end up in policy paths and file-system-like keys.</summary>
public static class ConfigId
{
    public const int MaxLength = 249;

    /// <returns>Null when <paramref name="id"/> is a valid element name, otherwise why not.</returns>
    public static string? Validate(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length == 0)
        {
            return "config ID illegal, cannot be empty";
        }

        if (id.Length > MaxLength)
        {
            return $"config ID illegal, cannot be longer than {MaxLength}";
        }

        if (id is "." or "..")
        {
            return $"name '{id}' for config ID is not allowed";
        }

        foreach (char c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '.' && c != '-')
            {
                return $"config ID '{id}' contains illegal characters";
            }
        }

        return null;
    }

    /// <summary>Fabric's <c>validateModPolicy</c>: set, and every element of the (absolute or relative) path a valid name.</summary>
    public static string? ValidateModPolicy(string modPolicy)
    {
        ArgumentNullException.ThrowIfNull(modPolicy);
        if (modPolicy.Length == 0)
        {
            return "mod_policy not set";
        }

        string[] elements = (modPolicy[0] == '/' ? modPolicy[1..] : modPolicy).Split('/');
        for (int i = 0; i < elements.Length; i++)
        {
            if (Validate(elements[i]) is { } error)
            {
                return $"path element at {i} is invalid: {error}";
            }
        }

        return null;
    }
}
