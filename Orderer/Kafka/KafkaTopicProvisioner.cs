using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace Fabricish.Orderer.Kafka;

/// <summary>
/// Makes sure the channel's topic exists: one partition, replicated on up to <see cref="KafkaConsenterOptions.ReplicationFactor"/>
/// brokers with min.insync.replicas one less (2 of 3), so acks=all survives one broker failure. Kafka 0.9 has no
/// CreateTopics request: there the operator pre-creates the topic, or the brokers create it with their defaults on
/// the first metadata request for it (auto.create.topics.enable), which the CONNECT post makes.
/// </summary>
/// <param name="maxMessageBytes">The topic's max.message.bytes (<see cref="KafkaMessageLimit"/>), so a created topic takes
/// the channel's largest envelopes whatever the brokers' default.</param>
internal sealed class KafkaTopicProvisioner(string bootstrapServers, KafkaConsenterOptions options, string topic, int maxMessageBytes)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    /// <summary>What became of the topic, for the log. Throws <see cref="KafkaException"/> only when no broker
    /// answers, so the caller retries; a refused creation is left to the brokers' auto-creation.</summary>
    public async Task<string> EnsureTopicAsync()
    {
        if (options.Protocol == KafkaProtocol.Legacy09)
        {
            return "Kafka 0.9 cannot create topics through its API; using the pre-created or broker-auto-created topic";
        }

        using IAdminClient admin = new AdminClientBuilder(KafkaClientSettings.Admin(bootstrapServers, options))
            .SetLogHandler((_, _) => { })
            .Build();
        int brokers = admin.GetMetadata(RequestTimeout).Brokers.Count;
        short replication = (short)Math.Clamp(options.ReplicationFactor, 1, Math.Max(1, brokers));
        int minInsync = Math.Clamp(options.MinInsyncReplicas, 1, Math.Max(1, replication - 1));
        var spec = new TopicSpecification
        {
            Name = topic,
            NumPartitions = 1,
            ReplicationFactor = replication,
            Configs = new Dictionary<string, string>
            {
                ["min.insync.replicas"] = minInsync.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["max.message.bytes"] = maxMessageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        };
        try
        {
            await admin.CreateTopicsAsync([spec], new CreateTopicsOptions { RequestTimeout = RequestTimeout, OperationTimeout = RequestTimeout }).ConfigureAwait(false);
            return $"created with replication {replication}, min.insync.replicas {minInsync}";
        }
        catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code == ErrorCode.TopicAlreadyExists))
        {
            return "already exists";
        }
        catch (CreateTopicsException e)
        {
            string reason = string.Join("; ", e.Results.Select(r => r.Error.Reason));
            return $"not created ({reason}); relying on the brokers' auto-creation";
        }
        catch (KafkaException e)
        {
            return $"not created ({e.Error.Reason}); relying on the brokers' auto-creation";
        }
    }
}
