using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Channels.Config.Update;

/// <summary>Flattens a config tree into elements keyed as Fabric's configtx <c>mapConfig</c> keys them.</summary>
public static class ConfigMap
{
    // Fabric pads the prefixes to equal width, hence the double spaces; operators grep logs for these keys.
    public const string GroupPrefix = "[Group]  ";
    public const string ValuePrefix = "[Value]  ";
    public const string PolicyPrefix = "[Policy] ";

    /// <param name="root">The root group (the channel group, or a config update's read or write set).</param>
    /// <param name="rootName">The root's name, <c>Channel</c> for channel configs.</param>
    public static Dictionary<string, ConfigItem> Map(ConfigGroup? root, string rootName = "Channel")
    {
        ArgumentException.ThrowIfNullOrEmpty(rootName);
        var map = new Dictionary<string, ConfigItem>(StringComparer.Ordinal);
        Visit(root, rootName, (item, _) => map[item.Key] = item);
        return map;
    }

    /// <summary>As <see cref="Map"/>, but each key maps to the element itself: a ConfigGroup, ConfigValue or ConfigPolicy.</summary>
    public static Dictionary<string, IMessage> MapElements(ConfigGroup? root, string rootName = "Channel")
    {
        ArgumentException.ThrowIfNullOrEmpty(rootName);
        var map = new Dictionary<string, IMessage>(StringComparer.Ordinal);
        Visit(root, rootName, (item, element) => map[item.Key] = element);
        return map;
    }

    private static void Visit(ConfigGroup? root, string rootName, Action<ConfigItem, IMessage> visit)
    {
        if (root is not null)
        {
            AddGroup(visit, string.Empty, rootName, root);
        }
    }

    private static void AddGroup(Action<ConfigItem, IMessage> visit, string parentPath, string name, ConfigGroup group)
    {
        string path = $"{parentPath}/{name}";
        visit(new ConfigItem(GroupPrefix + path, ConfigItemKind.Group, parentPath, name, group.Version, group.ModPolicy), group);
        foreach (var (key, child) in group.Groups)
        {
            AddGroup(visit, path, key, child);
        }

        foreach (var (key, value) in group.Values)
        {
            visit(new ConfigItem($"{ValuePrefix}{path}/{key}", ConfigItemKind.Value, path, key, value.Version, value.ModPolicy), value);
        }

        foreach (var (key, policy) in group.Policies)
        {
            visit(new ConfigItem($"{PolicyPrefix}{path}/{key}", ConfigItemKind.Policy, path, key, policy.Version, policy.ModPolicy), policy);
        }
    }
}
