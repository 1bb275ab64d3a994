namespace Fabricish.Orderer.Consensus;

/// <summary>Whether a chain accepts messages for ordering.</summary>
public enum ChainHealth
{
    /// <summary>Created, not started: nothing is accepted.</summary>
    Created,

    /// <summary>Connecting to the ordering service (for Kafka: provisioning the topic, posting CONNECT), retried with backoff.</summary>
    Starting,

    /// <summary>The ordering service took the last message posted; Order and Configure are forwarded.</summary>
    Available,

    /// <summary>A post failed; the chain reconnects with backoff until the ordering service answers again.</summary>
    Unavailable,

    /// <summary>A block could not be written: the chain stopped consuming and needs an operator.</summary>
    Errored,

    /// <summary>Halted.</summary>
    Stopped,
}
