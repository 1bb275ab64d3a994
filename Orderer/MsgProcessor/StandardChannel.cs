using Fabricish.Channels.Config;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Google.Protobuf;

namespace Fabricish.Orderer.MsgProcessor;

/// <summary>
/// Broadcast processing for an application channel (Fabric's <c>msgprocessor.StandardChannel</c>): normal messages and
/// config updates pass the filters — empty payload, size ≤ AbsoluteMaxBytes, creator not expired, creator signature
/// satisfying <c>/Channel/Writers</c> — and config updates must then be authorized by the mod_policies of what they
/// change. Pure: no I/O, no ordering; the broadcast service orders what this accepts.
/// </summary>
public sealed class StandardChannel
{
    private readonly RuleSet _filters;
    private ChannelConfig _config;
    private ConfigUpdateAuthorizer? _authorizer;

    /// <param name="time">The clock creator certificates are judged by; the system clock when null.</param>
    public StandardChannel(ChannelConfig config, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;

        // Expiration comes before the signature check, as in Fabric, so stale clients cost no signature verification.
        _filters = new RuleSet(
        [
            EmptyRejectRule.Instance,
            MaxBytesRule.Instance,
            new ExpirationRejectRule(time ?? TimeProvider.System),
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
            _authorizer = null;
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

    public ProcessResult ProcessNormalMsg(Envelope message)
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

    /// <summary>
    /// Filters a CONFIG_UPDATE envelope, then authorizes the update it carries. Unauthorized updates answer BAD_REQUEST,
    /// as in Fabric, whose authorization errors are not permission-denied errors.
    /// </summary>
    public ProcessResult ProcessConfigUpdateMsg(Envelope message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ChannelConfig config = _config;
        FilterResult filtered = _filters.Apply(message, config);
        if (!filtered.IsOk)
        {
            return ProcessResult.Rejected(filtered.WithMessage("config update for existing channel did not pass initial checks"));
        }

        string applying = $"error applying config update to existing channel '{config.ChannelId}'";
        ConfigUpdateEnvelope? envelope = ConfigUpdateOf(message, out string? error);
        if (envelope is null)
        {
            return ProcessResult.Rejected(FilterResult.BadRequest($"{applying}: error converting envelope to config update: {error}"));
        }

        ConfigUpdateAuthorizer authorizer = _authorizer ??= new ConfigUpdateAuthorizer(config.ChannelId, config.CloneConfig(), config.Policies);
        string? refusal = authorizer.Authorize(envelope, out _);
        return refusal is null
            ? ProcessResult.Accepted(config.Sequence, envelope)
            : ProcessResult.Rejected(FilterResult.BadRequest($"{applying}: {refusal}"));
    }

    /// <summary>The ConfigUpdateEnvelope a CONFIG_UPDATE carries (Fabric's <c>EnvelopeToConfigUpdate</c>).</summary>
    private static ConfigUpdateEnvelope? ConfigUpdateOf(Envelope message, out string? error)
    {
        try
        {
            Payload payload = Payload.Parser.ParseFrom(message.Payload);
            if (payload.Header is null)
            {
                error = "bad payload: header not set";
                return null;
            }

            ChannelHeader header = ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader);
            if (header.Type != (int)HeaderType.ConfigUpdate)
            {
                error = $"invalid type {(HeaderType)header.Type}, expected {HeaderType.ConfigUpdate}";
                return null;
            }

            error = null;
            return ConfigUpdateEnvelope.Parser.ParseFrom(payload.Data);
        }
        catch (InvalidProtocolBufferException e)
        {
            error = e.Message;
            return null;
        }
    }
}
