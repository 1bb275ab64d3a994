using Fabricish.Endorser.Simulation;

namespace Fabricish.Peer.Lifecycle;

/// <summary>One organization's implicit collection of <c>_lifecycle</c> as the proposal's simulator sees it (Fabric's
/// ChaincodePrivateLedgerShim): values for this peer's own organization, hashes for every organization.</summary>
internal sealed class OrgApprovalState(TxSimulator simulator, string mspId, CancellationToken cancellationToken)
{
    public string MspId { get; } = mspId;

    public string Collection { get; } = LifecycleKeys.ApprovalCollection(mspId);

    public Task<byte[]?> GetAsync(string key) => simulator.GetPrivateDataAsync(LifecycleKeys.Namespace, Collection, key, cancellationToken);

    public Task<byte[]?> GetHashAsync(string key) => simulator.GetPrivateDataHashAsync(LifecycleKeys.Namespace, Collection, key, cancellationToken);

    public void Put(string key, byte[] value) => simulator.SetPrivateData(LifecycleKeys.Namespace, Collection, key, value);

    public void Delete(string key) => simulator.DeletePrivateData(LifecycleKeys.Namespace, Collection, key);
}
