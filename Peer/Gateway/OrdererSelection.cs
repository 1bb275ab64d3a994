namespace Fabricish.Peer.Gateway;

/// <summary>Which orderer node the gateway offers a transaction to first (<c>Peer:Gateway:OrdererSelection</c>).</summary>
public enum OrdererSelection
{
    /// <summary>The node that accepted the gateway's last transaction, at first the channel configuration's first; the
    /// others, in random order, when it fails. With Kafka-based ordering every orderer producing for the same channel
    /// splits Kafka's produce requests between them: one orderer taking the gateways' transactions fills each request
    /// with more of them, and Kafka's and the orderers' work per transaction falls.</summary>
    Sticky = 0,

    /// <summary>Fabric's gateway: every transaction tries the nodes in a new random order.</summary>
    Random = 1,
}
