using Fabricish.Protos.Common;

namespace Fabricish.Orderer.MsgProcessor;

/// <summary>Flattens a config tree into elements keyed as Fabric's configtx <c>mapConfig</c> keys them.</summary>
public static class ConfigMap
{
    // Fabric pads the prefixes to equal width, hence the double spaces; operators grep logs for these keys.
    private const string GroupPrefix = "[Group]  ";
    private const string ValuePrefix = "[Value]  ";
    private const string PolicyPrefix = "[Policy] ";

    /// <param name="root">The root group (the channel group, or a config update's read or write set).</param>
    /// <param name="rootName">The root's name, <c>Channel</c> for channel configs.</param>
    public static Dictionary<string, ConfigItem> Map(ConfigGroup? root, string rootName = "Channel")
    {
        ArgumentException.ThrowIfNullOrEmpty(rootName);
        var map = new Dictionary<string, ConfigItem>(StringComparer.Ordinal);
        if (root is not null)
        {
            AddGroup(map, string.Empty, rootName, root);
        }

        return map;
    }

    private static void AddGroup(Dictionary<string, ConfigItem> map, string parentPath, string name, ConfigGroup group)
    {
        string path = $"{parentPath}/{name}";
        map[GroupPrefix + path] = new ConfigItem(GroupPrefix + path, ConfigItemKind.Group, parentPath, name, group.Version, group.ModPolicy);
        foreach (var (key, child) in group.Groups)
        {
            AddGroup(map, path, key, child);
        }

        foreach (var (key, value) in group.Values)
        {
            string itemKey = $"{ValuePrefix}{path}/{key}";
            map[itemKey] = new ConfigItem(itemKey, ConfigItemKind.Value, path, key, value.Version, value.ModPolicy);
        }

        foreach (var (key, policy) in group.Policies)
        {
            string itemKey = $"{PolicyPrefix}{path}/{key}";
            map[itemKey] = new ConfigItem(itemKey, ConfigItemKind.Policy, path, key, policy.Version, policy.ModPolicy);
        }
    }
}
