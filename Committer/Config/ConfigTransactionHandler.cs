using Fabricish.Channels.Config;
using Fabricish.Channels.Policies;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Committer.Config;

/// <summary>Accepts a config transaction whose configuration is the next sequence, parses as a channel
/// configuration, and whose last update was signed by enough admins, then swaps it into a
/// <see cref="ChannelConfigHolder"/>. Fabric recomputes the update against the current configuration and checks
/// each modified element's mod_policy; this checks the signatures of the last update against one policy
/// (<c>/Channel/Application/Admins</c> unless told otherwise), which is what the orderer enforced for the usual
/// application-level updates.</summary>
public sealed class ConfigTransactionHandler(ChannelConfigHolder holder, string updatePolicyPath = PolicyManager.ApplicationAdmins)
    : IConfigTransactionHandler
{
    public string? Validate(ConfigEnvelope envelope, ChannelConfig current)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(current);
        if (envelope.Config is null)
        {
            return "config envelope has no config";
        }

        if (envelope.Config.Sequence != current.Sequence + 1)
        {
            return $"config sequence {envelope.Config.Sequence} does not follow the current sequence {current.Sequence}";
        }

        if (envelope.LastUpdate is null)
        {
            return "config envelope carries no last update";
        }

        if (UpdateSignatures(envelope.LastUpdate, current.ChannelId, out string? error) is not { } signatures)
        {
            return error;
        }

        PolicyResult result = current.Policies.GetPolicy(updatePolicyPath).Evaluate(signatures);
        if (!result.Satisfied)
        {
            return $"config update signatures do not satisfy {updatePolicyPath}: {result.Reason}";
        }

        ConfigResult<ChannelConfig> next = ChannelConfig.FromEnvelope(envelope, current.ChannelId);
        return next.IsOk ? null : $"new channel configuration is not acceptable: {next.Error}";
    }

    public void Apply(ConfigEnvelope envelope, ulong blockNumber)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ConfigResult<ChannelConfig> next = ChannelConfig.FromEnvelope(envelope, holder.Current.ChannelId);

        // Validate accepted this very envelope, so failing now means the code, not the input, is wrong.
        holder.Update(next.Value ?? throw new InvalidOperationException($"config of committed block {blockNumber} no longer parses: {next.Error}"));
    }

    private static List<SignedData>? UpdateSignatures(Envelope lastUpdate, string channelId, out string? error)
    {
        try
        {
            Payload payload = Payload.Parser.ParseFrom(lastUpdate.Payload.Span);
            if (payload.Header is null)
            {
                error = "config update has no header";
                return null;
            }

            ChannelHeader header = ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader.Span);
            if (header.Type != (int)HeaderType.ConfigUpdate || header.ChannelId != channelId)
            {
                error = $"last update is a {(HeaderType)header.Type} for channel '{header.ChannelId}', expected a CONFIG_UPDATE for '{channelId}'";
                return null;
            }

            ConfigUpdateEnvelope update = ConfigUpdateEnvelope.Parser.ParseFrom(payload.Data.Span);
            ConfigUpdate configUpdate = ConfigUpdate.Parser.ParseFrom(update.ConfigUpdate.Span);
            if (configUpdate.ChannelId != channelId)
            {
                error = $"config update is for channel '{configUpdate.ChannelId}', expected '{channelId}'";
                return null;
            }

            var signatures = new List<SignedData>(update.Signatures.Count);
            foreach (ConfigSignature signature in update.Signatures)
            {
                SignatureHeader signatureHeader = SignatureHeader.Parser.ParseFrom(signature.SignatureHeader.Span);
                byte[] signed = [.. signature.SignatureHeader.Span, .. update.ConfigUpdate.Span];
                signatures.Add(new SignedData(signed, signatureHeader.Creator.Memory, signature.Signature.Memory));
            }

            error = null;
            return signatures;
        }
        catch (InvalidProtocolBufferException e)
        {
            error = $"config update is malformed: {e.Message}";
            return null;
        }
    }
}
