namespace Fabricish.Peer.Lifecycle;

/// <summary>A package installed on this peer, parsed.</summary>
internal sealed record InstalledChaincode(string PackageId, string Label, ChaincodePackage Package);
