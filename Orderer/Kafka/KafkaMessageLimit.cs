using Fabricish.Channels.Config;

namespace Fabricish.Orderer.Kafka;

/// <summary>
/// The largest Kafka message a channel's chain posts and reads: the channel's AbsoluteMaxBytes plus headroom for the
/// KafkaMessage wrapping and Kafka's record framing. Fabric's Kafka guide asks the same of the brokers (message.max.bytes
/// and replica.fetch.max.bytes larger than AbsoluteMaxBytes; "1 MiB is more than enough" for the headers), so an
/// envelope the broadcast checks accept always fits, and one they refuse never reaches Kafka.
/// </summary>
internal static class KafkaMessageLimit
{
    public const int Headroom = 1024 * 1024;

    /// <summary>librdkafka's upper bound for message.max.bytes.</summary>
    private const long LibrdkafkaMax = 1_000_000_000;

    public static int For(ChannelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return (int)Math.Min((long)config.Orderer.BatchSize.AbsoluteMaxBytes + Headroom, LibrdkafkaMax);
    }
}
