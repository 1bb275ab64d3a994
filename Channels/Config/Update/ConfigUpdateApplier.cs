using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Channels.Config.Update;

/// <summary>
/// Computes the configuration an authorized update leads to, as Fabric's configtx validator does
/// (<c>computeUpdateResult</c> then <c>configMapToConfig</c>): every element of the write set that the read set does
/// not hold at the same version replaces (or adds) the element at its key; the tree is then rebuilt from the root, each
/// group keeping the children its own — possibly replaced — definition names, so a group written without a child
/// removes it. Versions are taken as written: <see cref="ConfigUpdateValidator"/> requires current + 1 for changed elements
/// and 0 for new ones before it applies an update. The sequence is the current one plus one.
/// </summary>
public static class ConfigUpdateApplier
{
    // Fabric patches an empty mod_policy on this one value, which early channel configs left unset.
    private const string OrdererCapabilitiesKey = ConfigMap.ValuePrefix + "/Channel/Orderer/Capabilities";

    /// <returns>The next configuration, or null with <paramref name="error"/> when the result is not a tree.</returns>
    public static Protos.Common.Config? Apply(Protos.Common.Config current, ConfigUpdate update, out string? error)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(update);
        Dictionary<string, IMessage> merged = ConfigMap.MapElements(current.ChannelGroup);
        Dictionary<string, ConfigItem> readSet = ConfigMap.Map(update.ReadSet);
        Dictionary<string, IMessage> written = ConfigMap.MapElements(update.WriteSet);
        foreach (var (key, item) in ConfigMap.Map(update.WriteSet))
        {
            if (readSet.TryGetValue(key, out ConfigItem read) && read.Version == item.Version)
            {
                continue;
            }

            merged[key] = written[key];
        }

        ConfigGroup? root = Rebuild("/Channel", merged, out error);
        return root is null ? null : new Protos.Common.Config { Sequence = current.Sequence + 1, ChannelGroup = root };
    }

    private static ConfigGroup? Rebuild(string path, Dictionary<string, IMessage> map, out string? error)
    {
        string groupKey = ConfigMap.GroupPrefix + path;
        if (!map.TryGetValue(groupKey, out IMessage? element) || element is not ConfigGroup group)
        {
            error = $"missing group at path: {groupKey}";
            return null;
        }

        var rebuilt = new ConfigGroup { Version = group.Version, ModPolicy = group.ModPolicy };
        foreach (string name in group.Groups.Keys)
        {
            ConfigGroup? child = Rebuild($"{path}/{name}", map, out error);
            if (child is null)
            {
                return null;
            }

            rebuilt.Groups.Add(name, child);
        }

        foreach (string name in group.Values.Keys)
        {
            string key = $"{ConfigMap.ValuePrefix}{path}/{name}";
            if (!map.TryGetValue(key, out IMessage? found) || found is not ConfigValue value)
            {
                error = $"missing value at path: {key}";
                return null;
            }

            ConfigValue copy = value.Clone();
            if (key == OrdererCapabilitiesKey && copy.ModPolicy.Length == 0)
            {
                copy.ModPolicy = "Admins";
            }

            rebuilt.Values.Add(name, copy);
        }

        foreach (string name in group.Policies.Keys)
        {
            string key = $"{ConfigMap.PolicyPrefix}{path}/{name}";
            if (!map.TryGetValue(key, out IMessage? found) || found is not ConfigPolicy policy)
            {
                error = $"missing policy at path: {key}";
                return null;
            }

            rebuilt.Policies.Add(name, policy.Clone());
        }

        error = null;
        return rebuilt;
    }
}
