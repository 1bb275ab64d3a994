using Fabricish.Peer.Channels;
using Fabricish.Protos.Peer;

namespace Fabricish.Peer.SystemChaincode;

/// <summary>What a JoinChain request came to: cscc's response, the HTTP status the operations endpoint answers with,
/// and the channel when it was joined.</summary>
internal sealed record JoinChainOutcome(Response Response, int HttpStatus, PeerChannel? Channel);
