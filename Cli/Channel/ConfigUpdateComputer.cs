using Fabricish.Protos.Common;
using Google.Protobuf.Collections;

namespace Fabricish.Cli.Channel;

/// <summary>
/// configtxlator's <c>compute_update</c>: the ConfigUpdate that turns one config into another. A changed element is
/// written at its version + 1 (new elements at 0) and its group is read at its current version; a group whose
/// membership or mod_policy changes is itself written at version + 1, with its unchanged members as version-only
/// shells in both sets (so the orderer keeps them); groups without changes are left out.
/// </summary>
internal static class ConfigUpdateComputer
{
    /// <returns>The update, or null with <paramref name="error"/> when the configs are the same.</returns>
    public static ConfigUpdate? Compute(string channelId, Config original, Config updated, out string? error)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(updated);
        if (original.ChannelGroup is null || updated.ChannelGroup is null)
        {
            error = "no channel group included in the config";
            return null;
        }

        GroupDelta delta = ComputeGroup(original.ChannelGroup, updated.ChannelGroup);
        if (!delta.Updated)
        {
            error = "no differences detected between original and updated config";
            return null;
        }

        error = null;
        return new ConfigUpdate { ChannelId = channelId, ReadSet = delta.ReadSet, WriteSet = delta.WriteSet };
    }

    private static GroupDelta ComputeGroup(ConfigGroup original, ConfigGroup updated)
    {
        var read = new ConfigGroup { Version = original.Version };
        var write = new ConfigGroup { Version = original.Version };
        var same = new ConfigGroup { Version = original.Version };
        // Like configtxlator, a changed policy or value is only written: the read set holds groups, not their members.
        bool membersChanged = Policies(original.Policies, updated.Policies, write.Policies, same.Policies);
        membersChanged |= Values(original.Values, updated.Values, write.Values, same.Values);
        membersChanged |= Groups(original.Groups, updated.Groups, read.Groups, write.Groups, same.Groups);

        if (!membersChanged && original.ModPolicy == updated.ModPolicy)
        {
            bool anyChange = read.Policies.Count + write.Policies.Count + read.Values.Count + write.Values.Count + read.Groups.Count + write.Groups.Count > 0;
            return anyChange
                ? new GroupDelta(read, write, true)
                : new GroupDelta(new ConfigGroup { Version = original.Version }, new ConfigGroup { Version = original.Version }, false);
        }

        // The group itself changes: its unchanged members go into both sets, so the rebuilt group still holds them.
        foreach (var (name, policy) in same.Policies)
        {
            read.Policies[name] = policy;
            write.Policies[name] = policy.Clone();
        }

        foreach (var (name, value) in same.Values)
        {
            read.Values[name] = value;
            write.Values[name] = value.Clone();
        }

        foreach (var (name, group) in same.Groups)
        {
            read.Groups[name] = group;
            write.Groups[name] = group.Clone();
        }

        write.Version = original.Version + 1;
        write.ModPolicy = updated.ModPolicy;
        return new GroupDelta(Sorted(read), Sorted(write), true);
    }

    private static bool Policies(
        MapField<string, ConfigPolicy> original, MapField<string, ConfigPolicy> updated, MapField<string, ConfigPolicy> write, MapField<string, ConfigPolicy> same)
    {
        bool membersChanged = false;
        foreach (string name in original.Keys.Order(StringComparer.Ordinal))
        {
            ConfigPolicy before = original[name];
            if (!updated.TryGetValue(name, out ConfigPolicy? after))
            {
                membersChanged = true;
                continue;
            }

            if (before.ModPolicy == after.ModPolicy && Equals(before.Policy, after.Policy))
            {
                same[name] = new ConfigPolicy { Version = before.Version };
                continue;
            }

            write[name] = new ConfigPolicy { Version = before.Version + 1, ModPolicy = after.ModPolicy, Policy = after.Policy?.Clone() };
        }

        foreach (string name in updated.Keys.Where(k => !original.ContainsKey(k)).Order(StringComparer.Ordinal))
        {
            membersChanged = true;
            ConfigPolicy after = updated[name];
            write[name] = new ConfigPolicy { Version = 0, ModPolicy = after.ModPolicy, Policy = after.Policy?.Clone() };
        }

        return membersChanged;
    }

    private static bool Values(
        MapField<string, ConfigValue> original, MapField<string, ConfigValue> updated, MapField<string, ConfigValue> write, MapField<string, ConfigValue> same)
    {
        bool membersChanged = false;
        foreach (string name in original.Keys.Order(StringComparer.Ordinal))
        {
            ConfigValue before = original[name];
            if (!updated.TryGetValue(name, out ConfigValue? after))
            {
                membersChanged = true;
                continue;
            }

            if (before.ModPolicy == after.ModPolicy && before.Value.Equals(after.Value))
            {
                same[name] = new ConfigValue { Version = before.Version };
                continue;
            }

            write[name] = new ConfigValue { Version = before.Version + 1, ModPolicy = after.ModPolicy, Value = after.Value };
        }

        foreach (string name in updated.Keys.Where(k => !original.ContainsKey(k)).Order(StringComparer.Ordinal))
        {
            membersChanged = true;
            ConfigValue after = updated[name];
            write[name] = new ConfigValue { Version = 0, ModPolicy = after.ModPolicy, Value = after.Value };
        }

        return membersChanged;
    }

    private static bool Groups(
        MapField<string, ConfigGroup> original, MapField<string, ConfigGroup> updated,
        MapField<string, ConfigGroup> read, MapField<string, ConfigGroup> write, MapField<string, ConfigGroup> same)
    {
        bool membersChanged = false;
        foreach (string name in original.Keys.Order(StringComparer.Ordinal))
        {
            if (!updated.TryGetValue(name, out ConfigGroup? after))
            {
                membersChanged = true;
                continue;
            }

            GroupDelta delta = ComputeGroup(original[name], after);
            if (!delta.Updated)
            {
                same[name] = delta.ReadSet;
                continue;
            }

            read[name] = delta.ReadSet;
            write[name] = delta.WriteSet;
        }

        foreach (string name in updated.Keys.Where(k => !original.ContainsKey(k)).Order(StringComparer.Ordinal))
        {
            membersChanged = true;
            ConfigGroup after = updated[name];

            // A new group is written whole, every element of it at version 0.
            ConfigGroup written = ComputeGroup(new ConfigGroup(), after).WriteSet;
            written.Version = 0;
            written.ModPolicy = after.ModPolicy;
            write[name] = written;
        }

        return membersChanged;
    }

    private static ConfigGroup Sorted(ConfigGroup group)
    {
        var copy = new ConfigGroup { Version = group.Version, ModPolicy = group.ModPolicy };
        foreach (var (k, v) in group.Groups.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            copy.Groups[k] = v;
        }

        foreach (var (k, v) in group.Values.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            copy.Values[k] = v;
        }

        foreach (var (k, v) in group.Policies.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            copy.Policies[k] = v;
        }

        return copy;
    }

    private readonly record struct GroupDelta(ConfigGroup ReadSet, ConfigGroup WriteSet, bool Updated);
}
