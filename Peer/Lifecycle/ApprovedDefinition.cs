namespace Fabricish.Peer.Lifecycle;

/// <summary>What an organization approved for one sequence (Fabric's ApprovedChaincodeDefinition): the parameters
/// and the package its peers run, "" when it approved none.</summary>
internal sealed record ApprovedDefinition(LifecycleDefinition Parameters, string PackageId);
