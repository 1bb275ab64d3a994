using Fabricish.Channels.Policies;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Orderer.MsgProcessor;

/// <summary>
/// Decides whether a CONFIG_UPDATE may change the channel, as Fabric's configtx validator (<c>authorizeUpdate</c>) does:
/// the update names this channel, its read set matches the current versions, and every element it changes — a write
/// set element at a new version — has its existing mod_policy satisfied by the update's signatures (each over
/// signature header ‖ config update bytes). New elements ride on their parent group's version bump and policy.
/// Elements are checked in key order so every orderer reports the same first failure.
/// </summary>
public sealed class ConfigUpdateAuthorizer
{
    private readonly string _channelId;
    private readonly Dictionary<string, ConfigItem> _current;
    private readonly PolicyManager _policies;

    public ConfigUpdateAuthorizer(string channelId, Config config, PolicyManager policies)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(policies);
        _channelId = channelId;
        _current = ConfigMap.Map(config.ChannelGroup);
        _policies = policies;
    }

    /// <returns>Null when authorized, otherwise the reason worded as Fabric's "error authorizing update: ...".</returns>
    public string? Authorize(ConfigUpdateEnvelope envelope, out ConfigUpdate? update)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        update = null;
        ConfigUpdate parsed;
        try
        {
            parsed = ConfigUpdate.Parser.ParseFrom(envelope.ConfigUpdate);
        }
        catch (InvalidProtocolBufferException e)
        {
            return $"error authorizing update: error unmarshalling ConfigUpdate: {e.Message}";
        }

        if (parsed.ChannelId != _channelId)
        {
            return $"error authorizing update: Update not for correct channel: {parsed.ChannelId} for {_channelId}";
        }

        Dictionary<string, ConfigItem> readSet = ConfigMap.Map(parsed.ReadSet);
        foreach (string key in readSet.Keys.Order(StringComparer.Ordinal))
        {
            if (!_current.TryGetValue(key, out ConfigItem existing))
            {
                return $"error authorizing update: error validating ReadSet: existing config does not contain element for {key} but was in the read set";
            }

            if (existing.Version != readSet[key].Version)
            {
                return $"error authorizing update: error validating ReadSet: proposed update requires that key {key} be at version {readSet[key].Version}, but it is currently at version {existing.Version}";
            }
        }

        var signatures = new List<SignedData>(envelope.Signatures.Count);
        foreach (ConfigSignature signature in envelope.Signatures)
        {
            try
            {
                SignatureHeader header = SignatureHeader.Parser.ParseFrom(signature.SignatureHeader);
                byte[] signed = new byte[signature.SignatureHeader.Length + envelope.ConfigUpdate.Length];
                signature.SignatureHeader.Span.CopyTo(signed);
                envelope.ConfigUpdate.Span.CopyTo(signed.AsSpan(signature.SignatureHeader.Length));
                signatures.Add(new SignedData(signed, header.Creator.Memory, signature.Signature.Memory));
            }
            catch (InvalidProtocolBufferException e)
            {
                return $"error authorizing update: {e.Message}";
            }
        }

        string? deltaError = VerifyDeltaSet(readSet, ConfigMap.Map(parsed.WriteSet), signatures);
        if (deltaError is not null)
        {
            return $"error authorizing update: error validating DeltaSet: {deltaError}";
        }

        update = parsed;
        return null;
    }

    private string? VerifyDeltaSet(Dictionary<string, ConfigItem> readSet, Dictionary<string, ConfigItem> writeSet, List<SignedData> signatures)
    {
        bool changed = false;
        foreach (string key in writeSet.Keys.Order(StringComparer.Ordinal))
        {
            ConfigItem written = writeSet[key];
            if (readSet.TryGetValue(key, out ConfigItem read) && read.Version == written.Version)
            {
                continue;
            }

            changed = true;
            if (string.IsNullOrEmpty(written.ModPolicy))
            {
                return $"invalid mod_policy for element {key}: mod_policy not set";
            }

            if (!_current.TryGetValue(key, out ConfigItem existing))
            {
                if (written.Version != 0)
                {
                    return $"attempted to set key {key} to version {written.Version}, but key does not exist";
                }

                continue;
            }

            if (written.Version != existing.Version + 1)
            {
                return $"attempt to set key {key} to version {written.Version}, but key is at version {existing.Version}";
            }

            PolicyResult result = _policies.GetPolicy(existing.ModPolicyPath()).Evaluate(signatures);
            if (!result.Satisfied)
            {
                return $"policy for {key} not satisfied: {result.Reason}";
            }
        }

        return changed ? null : "delta set was empty -- update would have no effect";
    }
}
