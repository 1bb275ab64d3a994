using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Testing.Transactions;

/// <summary>Config updates shaped as <c>configtxlator compute_update</c> shapes them: the elements leading to a change
/// are read and written at their current versions, the changed element goes one version up, and a group whose
/// membership changes lists its unchanged members in both sets as version-only shells.</summary>
public static class ComputeUpdate
{
    /// <summary>The value <paramref name="name"/> of the group at <paramref name="path"/> (below /Channel) replaced,
    /// keeping its mod_policy.</summary>
    public static ConfigUpdate SetValue(string channelId, ConfigGroup channelGroup, string[] path, string name, ByteString value)
    {
        ArgumentNullException.ThrowIfNull(channelGroup);
        ArgumentNullException.ThrowIfNull(path);
        var readSet = new ConfigGroup { Version = channelGroup.Version };
        var writeSet = new ConfigGroup { Version = channelGroup.Version };
        ConfigGroup group = channelGroup;
        (ConfigGroup read, ConfigGroup written) = (readSet, writeSet);
        foreach (string element in path)
        {
            group = group.Groups[element];
            (ConfigGroup readChild, ConfigGroup writtenChild) = (new ConfigGroup { Version = group.Version }, new ConfigGroup { Version = group.Version });
            read.Groups.Add(element, readChild);
            written.Groups.Add(element, writtenChild);
            (read, written) = (readChild, writtenChild);
        }

        ConfigValue existing = group.Values[name];
        written.Values.Add(name, new ConfigValue { Version = existing.Version + 1, ModPolicy = existing.ModPolicy, Value = value });
        return new ConfigUpdate { ChannelId = channelId, ReadSet = readSet, WriteSet = writeSet };
    }

    /// <summary>The top-level group <paramref name="name"/> (e.g. Application) with its members changed by
    /// <paramref name="change"/>: the group goes one version up under its own mod_policy.</summary>
    public static ConfigUpdate ChangeMembers(string channelId, ConfigGroup channelGroup, string name, Action<ConfigGroup> change)
    {
        ArgumentNullException.ThrowIfNull(channelGroup);
        ArgumentNullException.ThrowIfNull(change);
        ConfigGroup group = channelGroup.Groups[name];
        var readSet = new ConfigGroup { Version = channelGroup.Version };
        readSet.Groups.Add(name, Shell(group));
        ConfigGroup written = Shell(group);
        (written.Version, written.ModPolicy) = (group.Version + 1, group.ModPolicy);
        change(written);
        var writeSet = new ConfigGroup { Version = channelGroup.Version };
        writeSet.Groups.Add(name, written);
        return new ConfigUpdate { ChannelId = channelId, ReadSet = readSet, WriteSet = writeSet };
    }

    /// <summary>A group's members at their current versions and nothing else.</summary>
    private static ConfigGroup Shell(ConfigGroup group)
    {
        var shell = new ConfigGroup { Version = group.Version };
        foreach (var (name, child) in group.Groups)
        {
            shell.Groups.Add(name, new ConfigGroup { Version = child.Version });
        }

        foreach (var (name, value) in group.Values)
        {
            shell.Values.Add(name, new ConfigValue { Version = value.Version });
        }

        foreach (var (name, policy) in group.Policies)
        {
            shell.Policies.Add(name, new ConfigPolicy { Version = policy.Version });
        }

        return shell;
    }
}
