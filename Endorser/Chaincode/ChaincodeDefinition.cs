namespace Fabricish.Endorser.Chaincode;

/// <summary>What the endorser needs of a chaincode: its name (the state namespace) and version as recorded in the
/// ChaincodeAction, and how to reach it as a service (Fabric's ccaas connection.json).</summary>
/// <param name="PackageId">The id the chaincode registers with, e.g. <c>basic_1.0:4ec1...</c>.</param>
/// <param name="Address"><c>host:port</c> the chaincode server listens on; the peer dials it.</param>
public sealed record ChaincodeDefinition(string Name, string Version, string PackageId, string Address, ChaincodeTlsSettings? Tls = null);
