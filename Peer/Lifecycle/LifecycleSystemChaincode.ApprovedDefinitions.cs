using System.Globalization;
using Fabricish.Ledger.State;
using Fabricish.Protos.Peer;
using Fabricish.Protos.Peer.Lifecycle;
using Google.Protobuf;

namespace Fabricish.Peer.Lifecycle;

/// <summary>QueryApprovedChaincodeDefinitions (Fabric's <c>peer lifecycle chaincode queryapproved</c> without
/// <c>--name</c>): every definition this peer's organization approved on the channel, read from its implicit
/// collection by a range over the parameters' metadata keys (Fabric's DeserializeAllMetadata over
/// <c>namespaces/metadata/</c>), each with its package. Fabric returns them in Go map order; they are sorted by name and
/// sequence so that every peer of the organization answers alike.</summary>
internal sealed partial class LifecycleSystemChaincode
{
    private async Task<Response> QueryApprovedAllAsync(DefinitionContext context)
    {
        var own = new OrgApprovalState(context.Simulator, _localAdmins.MspId, context.CancellationToken);
        string prefix = LifecycleSerializer.MetadataKey(LifecycleSerializer.NamespacesPrefix, string.Empty);
        var privateNames = new List<string>();
        await foreach (VersionedKV kv in context.Simulator.GetPrivateDataRangeScanIterator(
            LifecycleKeys.Namespace, own.Collection, prefix, prefix + "\x7f", context.CancellationToken).ConfigureAwait(false))
        {
            privateNames.Add(kv.Key[prefix.Length..]);
        }

        var approvals = new List<(string Name, long Sequence)>(privateNames.Count);
        foreach (string privateName in privateNames)
        {
            if (SplitPrivateName(privateName) is not { } split)
            {
                return Failed(QueryApprovedChaincodeDefinitions,
                    $"could not extract chaincode name and sequence number from metadata: {privateName}: invalid private name format: {privateName}");
            }

            approvals.Add(split);
        }

        var result = new QueryApprovedChaincodeDefinitionsResult();
        foreach ((string name, long sequence) in approvals.OrderBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.Sequence))
        {
            (ApprovedDefinition? approved, string? error) = await ReadApprovalAsync(own, name, sequence).ConfigureAwait(false);
            if (approved is null)
            {
                return Failed(QueryApprovedChaincodeDefinitions,
                    $"could not fetch approved chaincode definition (name: '{name}', sequence: '{sequence}') on channel '{context.Channel.ChannelId}': {error ?? "its parameters are missing"}");
            }

            LifecycleDefinition parameters = approved.Parameters;
            result.ApprovedChaincodeDefinitions.Add(new QueryApprovedChaincodeDefinitionsResult.Types.ApprovedChaincodeDefinition
            {
                Name = name,
                Sequence = sequence,
                Version = parameters.Version,
                EndorsementPlugin = parameters.EndorsementPlugin,
                ValidationPlugin = parameters.ValidationPlugin,
                ValidationParameter = parameters.ValidationParameter,
                Collections = parameters.Collections ?? new CollectionConfigPackage(),
                InitRequired = parameters.InitRequired,
                Source = Source(approved.PackageId),
            });
        }

        return Success(result);
    }

    /// <summary>An empty package ID means the chaincode will not be invocable: Fabric reports it as unavailable.</summary>
    private static ChaincodeSource Source(string packageId) => packageId.Length > 0
        ? new ChaincodeSource { LocalPackage = new ChaincodeSource.Types.Local { PackageId = packageId } }
        : new ChaincodeSource { Unavailable = new ChaincodeSource.Types.Unavailable() };

    /// <summary>Fabric's extractChaincodeNameAndSequence: "&lt;name&gt;#&lt;sequence&gt;".</summary>
    private static (string Name, long Sequence)? SplitPrivateName(string privateName)
    {
        string[] split = privateName.Split('#');
        return split.Length == 2 && long.TryParse(split[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long sequence)
            ? (split[0], sequence)
            : null;
    }
}
