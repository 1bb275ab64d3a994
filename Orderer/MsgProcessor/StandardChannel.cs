using Fabricish.Channels.Config;
using Fabricish.Channels.Config.Update;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Google.Protobuf;

namespace Fabricish.Orderer.MsgProcessor;

/// <summary>
/// Broadcast processing for an application channel (Fabric's <c>msgprocessor.StandardChannel</c>): normal messages and
/// config updates pass the filters — empty payload, size ≤ AbsoluteMaxBytes, creator not expired, creator signature
/// satisfying <c>/Channel/Writers</c>. A config update must then be authorized by the mod_policies of what it changes;
/// the configuration it leads to (sequence + 1) is checked as a whole and wrapped in a CONFIG envelope signed by this
/// orderer, which passes the filters again. Pure: no I/O, no ordering; the broadcast service orders what this accepts.
/// Thread-safe: messages are judged against the configuration current when they arrive.
/// </summary>
public sealed class StandardChannel
{
    private readonly RuleSet _filters;
    private readonly TimeProvider _time;
    private readonly SigningIdentity? _signer;
    private volatile ChannelConfig _config;

    /// <param name="time">The clock creator certificates are judged by; the system clock when null.</param>
    /// <param name="signer">The orderer identity that signs the CONFIG envelopes of authorized updates; without one,
    /// updates are authorized but not turned into CONFIG envelopes.</param>
    public StandardChannel(ChannelConfig config, TimeProvider? time = null, SigningIdentity? signer = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        _time = time ?? TimeProvider.System;
        _signer = signer;

        // Expiration comes before the signature check, as in Fabric, so stale clients cost no signature verification.
        _filters = new RuleSet(
        [
            EmptyRejectRule.Instance,
            MaxBytesRule.Instance,
            new ExpirationRejectRule(_time),
            SigFilter.ChannelWriters,
        ]);
    }

    public string ChannelId => _config.ChannelId;

    /// <summary>The configuration messages are judged against; replaced when a config block is written.</summary>
    public ChannelConfig Config
    {
        get => _config;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _config = value;
        }
    }

    public static MessageClassification Classify(ChannelHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return (HeaderType)header.Type switch
        {
            HeaderType.ConfigUpdate => MessageClassification.ConfigUpdateMsg,
            HeaderType.Config or HeaderType.OrdererTransaction => MessageClassification.ConfigMsg,
            _ => MessageClassification.NormalMsg,
        };
    }

    public ProcessResult ProcessNormalMsg(Envelope message) => ProcessNormalMsg(BroadcastMessage.Parse(message));

    public ProcessResult ProcessNormalMsg(BroadcastMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ChannelConfig config = _config;
        if (OrdererCapabilities.ConsensusTypeMigration(config.Orderer) && config.Orderer.ConsensusState != ConsensusType.Types.State.Normal)
        {
            return ProcessResult.Rejected(new FilterResult(Status.ServiceUnavailable, "normal transactions are rejected: maintenance mode"));
        }

        FilterResult filtered = _filters.Apply(message, config);
        return filtered.IsOk ? ProcessResult.Accepted(config.Sequence) : ProcessResult.Rejected(filtered);
    }

    public ProcessResult ProcessConfigUpdateMsg(Envelope message) => ProcessConfigUpdateMsg(BroadcastMessage.Parse(message));

    /// <summary>
    /// Filters a CONFIG_UPDATE envelope, authorizes the update it carries and computes the CONFIG envelope to order.
    /// Unauthorized or unusable updates answer BAD_REQUEST, as in Fabric, whose authorization errors are not
    /// permission-denied errors.
    /// </summary>
    public ProcessResult ProcessConfigUpdateMsg(BroadcastMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ChannelConfig config = _config;
        FilterResult filtered = _filters.Apply(message, config);
        if (!filtered.IsOk)
        {
            return ProcessResult.Rejected(filtered.WithMessage("config update for existing channel did not pass initial checks"));
        }

        string applying = $"error applying config update to existing channel '{config.ChannelId}'";
        ConfigUpdateEnvelope? envelope = ConfigUpdateEnvelopes.FromEnvelope(message.Envelope, out string? error);
        if (envelope is null)
        {
            return ProcessResult.Rejected(FilterResult.BadRequest($"{applying}: error converting envelope to config update: {error}"));
        }

        ConfigResult<Config> next = ConfigUpdateValidator.For(config).ProposeConfigUpdate(envelope);
        if (!next.IsOk)
        {
            return ProcessResult.Rejected(FilterResult.BadRequest($"{applying}: {next.Error}"));
        }

        if (_signer is null)
        {
            return ProcessResult.Accepted(config.Sequence, envelope);
        }

        var configEnvelope = new ConfigEnvelope { Config = next.Value, LastUpdate = message.Envelope };
        ConfigResult<ChannelConfig> successor = ConfigSuccession.ValidateNew(config, configEnvelope, _time);
        if (!successor.IsOk)
        {
            return ProcessResult.Rejected(FilterResult.BadRequest($"{applying}: {successor.Error}"));
        }

        Envelope signed = ConfigEnvelopeSigner.Sign(config.ChannelId, configEnvelope, _signer, _time);

        // As Fabric does: the size filter keeps the consenter from being handed too large a message, and the signature
        // check catches an orderer that lacks the right credentials before its config block is refused by peers.
        FilterResult final = _filters.Apply(BroadcastMessage.Parse(signed), config);
        return final.IsOk
            ? ProcessResult.Accepted(config.Sequence, envelope, signed)
            : ProcessResult.Rejected(final.WithMessage("config update for existing channel did not pass final checks"));
    }

    /// <summary>
    /// Re-validates a CONFIG envelope ordered against an older configuration (Fabric's <c>ProcessConfigMsg</c>): the
    /// update it was computed from is processed again against the current configuration.
    /// </summary>
    public ProcessResult ProcessConfigMsg(Envelope config)
    {
        ArgumentNullException.ThrowIfNull(config);
        BroadcastMessage message = BroadcastMessage.Parse(config);
        if (message.ChannelHeader is not { } header || header.Type != (int)HeaderType.Config)
        {
            return ProcessResult.Rejected(FilterResult.BadRequest($"not a CONFIG envelope: {message.ChannelHeaderError ?? $"type {(HeaderType?)message.ChannelHeader?.Type}"}"));
        }

        ConfigEnvelope envelope;
        try
        {
            envelope = ConfigEnvelope.Parser.ParseFrom(message.Data.Span);
        }
        catch (InvalidProtocolBufferException e)
        {
            return ProcessResult.Rejected(FilterResult.BadRequest($"error unmarshalling ConfigEnvelope: {e.Message}"));
        }

        return envelope.LastUpdate is null
            ? ProcessResult.Rejected(FilterResult.BadRequest("config envelope has no last update to re-apply"))
            : ProcessConfigUpdateMsg(envelope.LastUpdate);
    }
}
