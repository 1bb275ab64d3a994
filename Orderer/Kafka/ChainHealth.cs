namespace Fabricish.Orderer.Kafka;

/// <summary>Whether a chain accepts messages for ordering.</summary>
public enum ChainHealth
{
    /// <summary>Created, not started: nothing is accepted.</summary>
    Created,

    /// <summary>Provisioning the topic and posting CONNECT; retried with backoff until Kafka answers.</summary>
    Starting,

    /// <summary>Kafka took the last message posted; Order and Configure are forwarded.</summary>
    Available,

    /// <summary>A post failed; CONNECT is re-posted with backoff until Kafka answers again.</summary>
    Unavailable,

    /// <summary>A block could not be written: the chain stopped consuming and needs an operator.</summary>
    Errored,

    /// <summary>Halted.</summary>
    Stopped,
}
