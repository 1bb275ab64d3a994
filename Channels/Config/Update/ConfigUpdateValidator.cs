using Fabricish.Channels.Policies;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Channels.Config.Update;

/// <summary>
/// Fabric's configtx validator (<c>common/configtx.ValidatorImpl</c>) for one channel configuration, shared by the
/// orderer, which turns authorized CONFIG_UPDATEs into the next configuration, and the committing peers, which re-run
/// the same rules on every CONFIG transaction's last update so both sides accept exactly the same configurations.
/// An update is authorized when it names this channel, its read set matches the current versions, and every element it
/// changes — a write set element at a new version — has its existing mod_policy satisfied by the update's signatures.
/// New elements ride on their parent group's version bump and policy. Elements are checked in key order so every node
/// reports the same first failure.
/// </summary>
public sealed class ConfigUpdateValidator
{
    private readonly string _channelId;
    private readonly Protos.Common.Config _current;
    private readonly Dictionary<string, ConfigItem> _items;
    private readonly PolicyManager _policies;

    public ConfigUpdateValidator(string channelId, Protos.Common.Config current, PolicyManager policies)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(policies);
        _channelId = channelId;
        _current = current;
        _items = ConfigMap.Map(current.ChannelGroup);
        _policies = policies;
    }

    public ulong Sequence => _current.Sequence;

    /// <summary>Validates updates against <paramref name="current"/>'s configuration and policies.</summary>
    public static ConfigUpdateValidator For(ChannelConfig current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return new ConfigUpdateValidator(current.ChannelId, current.CloneConfig(), current.Policies);
    }

    /// <summary>The configuration an update leads to (Fabric's <c>ProposeConfigUpdate</c>): authorized, applied to the
    /// current configuration, at the next sequence.</summary>
    /// <returns>The next configuration, or the reason worded as Fabric's ("error authorizing update: ...").</returns>
    public ConfigResult<Protos.Common.Config> ProposeConfigUpdate(ConfigUpdateEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ConfigUpdate? update = Authorize(envelope, out string? refusal);
        if (update is null)
        {
            return ConfigResult<Protos.Common.Config>.Fail($"error authorizing update: {refusal}");
        }

        Protos.Common.Config? next = ConfigUpdateApplier.Apply(_current, update, out string? error);
        return next is null
            ? ConfigResult<Protos.Common.Config>.Fail($"could not turn configMap back to channelGroup: {error}")
            : ConfigResult<Protos.Common.Config>.Ok(next);
    }

    /// <summary>Whether a CONFIG transaction may follow the current configuration (Fabric's <c>Validate</c>): it is
    /// the next sequence, and its last update, authorized against the current configuration, produces exactly its
    /// channel group.</summary>
    /// <returns>Null when it may, otherwise why not.</returns>
    public string? Validate(ConfigEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (envelope.Config is null)
        {
            return "config envelope has nil config";
        }

        if (envelope.Config.Sequence != _current.Sequence + 1)
        {
            return $"config currently at sequence {_current.Sequence}, cannot validate config at sequence {envelope.Config.Sequence}";
        }

        if (envelope.LastUpdate is null)
        {
            return "config envelope has no last update";
        }

        ConfigUpdateEnvelope? update = ConfigUpdateEnvelopes.FromEnvelope(envelope.LastUpdate, out string? error);
        if (update is null)
        {
            return $"error converting last update to config update: {error}";
        }

        ConfigResult<Protos.Common.Config> proposed = ProposeConfigUpdate(update);
        if (!proposed.IsOk)
        {
            return proposed.Error;
        }

        // Protobuf equality compares maps by content, as Fabric's proto.Equal does.
        return Equals(proposed.Value!.ChannelGroup, envelope.Config.ChannelGroup)
            ? null
            : "ConfigEnvelope LastUpdate did not produce the supplied config result";
    }

    /// <summary>Fabric's <c>authorizeUpdate</c>.</summary>
    /// <returns>The authorized update, or null with <paramref name="refusal"/>.</returns>
    private ConfigUpdate? Authorize(ConfigUpdateEnvelope envelope, out string? refusal)
    {
        ConfigUpdate update;
        try
        {
            update = ConfigUpdate.Parser.ParseFrom(envelope.ConfigUpdate);
        }
        catch (InvalidProtocolBufferException e)
        {
            refusal = $"error unmarshalling ConfigUpdate: {e.Message}";
            return null;
        }

        if (update.ChannelId != _channelId)
        {
            refusal = $"Update not for correct channel: {update.ChannelId} for {_channelId}";
            return null;
        }

        Dictionary<string, ConfigItem> readSet = ConfigMap.Map(update.ReadSet);
        refusal = CheckIds(readSet, "ReadSet") ?? VerifyReadSet(readSet);
        if (refusal is not null)
        {
            return null;
        }

        Dictionary<string, ConfigItem> writeSet = ConfigMap.Map(update.WriteSet);
        refusal = CheckIds(writeSet, "WriteSet");
        if (refusal is not null)
        {
            return null;
        }

        List<SignedData>? signatures = ConfigUpdateEnvelopes.AsSignedData(envelope, out refusal);
        if (signatures is null)
        {
            return null;
        }

        refusal = VerifyDeltaSet(readSet, writeSet, signatures);
        return refusal is null ? update : null;
    }

    private static string? CheckIds(Dictionary<string, ConfigItem> set, string name)
    {
        foreach (string key in set.Keys.Order(StringComparer.Ordinal))
        {
            if (ConfigId.Validate(set[key].Name) is { } error)
            {
                return $"error mapping {name}: illegal characters in key: {key}: {error}";
            }
        }

        return null;
    }

    private string? VerifyReadSet(Dictionary<string, ConfigItem> readSet)
    {
        foreach (string key in readSet.Keys.Order(StringComparer.Ordinal))
        {
            if (!_items.TryGetValue(key, out ConfigItem existing))
            {
                return $"error validating ReadSet: existing config does not contain element for {key} but was in the read set";
            }

            if (existing.Version != readSet[key].Version)
            {
                return $"error validating ReadSet: proposed update requires that key {key} be at version {readSet[key].Version}, but it is currently at version {existing.Version}";
            }
        }

        return null;
    }

    private string? VerifyDeltaSet(Dictionary<string, ConfigItem> readSet, Dictionary<string, ConfigItem> writeSet, List<SignedData> signatures)
    {
        const string prefix = "error validating DeltaSet: ";
        bool changed = false;
        foreach (string key in writeSet.Keys.Order(StringComparer.Ordinal))
        {
            ConfigItem written = writeSet[key];
            if (readSet.TryGetValue(key, out ConfigItem read) && read.Version == written.Version)
            {
                continue;
            }

            changed = true;
            if (ConfigId.ValidateModPolicy(written.ModPolicy) is { } invalid)
            {
                return $"{prefix}invalid mod_policy for element {key}: {invalid}";
            }

            if (!_items.TryGetValue(key, out ConfigItem existing))
            {
                if (written.Version != 0)
                {
                    return $"{prefix}attempted to set key {key} to version {written.Version}, but key does not exist";
                }

                continue;
            }

            if (written.Version != existing.Version + 1)
            {
                return $"{prefix}attempt to set key {key} to version {written.Version}, but key is at version {existing.Version}";
            }

            PolicyResult result = _policies.GetPolicy(existing.ModPolicyPath()).Evaluate(signatures);
            if (!result.Satisfied)
            {
                return $"{prefix}policy for {key} not satisfied: {result.Reason}";
            }
        }

        return changed ? null : $"{prefix}delta set was empty -- update would have no effect";
    }
}
