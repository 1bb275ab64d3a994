namespace Fabricish.Peer.Gateway;

/// <summary>A shared Broadcast stream ended before the orderer answered a submission. The envelope goes to the node
/// again on a stream of its own: one the node dropped after a refusal was not ordered; one whose answer a broken
/// connection lost may have been, and its copy is then marked a duplicate by the committers, as after any failover.</summary>
internal sealed class SharedBroadcastStreamEndedException(string message) : Exception(message);
