using Fabricish.Protos.Peer;

namespace Fabricish.Endorser.Chaincode;

/// <summary>The chaincode's response and the event it set, with the event's chaincode and transaction ids filled
/// in by the peer as Fabric does.</summary>
public sealed record ChaincodeExecutionResult(Response Response, ChaincodeEvent? Event);
