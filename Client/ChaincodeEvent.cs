namespace Fabricish.Client;

/// <summary>An event a chaincode set in a committed transaction, as fabric-gateway's <c>ChaincodeEvent</c>.</summary>
public sealed record ChaincodeEvent(ulong BlockNumber, string TransactionId, string ChaincodeName, string EventName, byte[] Payload);
