using Fabricish.Protos.Peer;
using Fabricish.Protos.Peer.Lifecycle;
using Google.Protobuf;

namespace Fabricish.Cli.Lifecycle;

/// <summary>A chaincode definition as the lifecycle commands take it from their switches, with Fabric's CLI defaults
/// (escc, vscc) applied; turns into the argument message of each _lifecycle function.</summary>
internal sealed record ChaincodeDefinition(
    string Name,
    string Version,
    long Sequence,
    string EndorsementPlugin,
    string ValidationPlugin,
    ByteString ValidationParameter,
    bool InitRequired,
    string? PackageId,
    CollectionConfigPackage? Collections = null)
{
    public ApproveChaincodeDefinitionForMyOrgArgs ToApproveArgs() => Fill(new ApproveChaincodeDefinitionForMyOrgArgs
    {
        Name = Name,
        // Fabric approves "no package" (the org endorses nothing itself) when no package ID is given.
        Source = string.IsNullOrEmpty(PackageId)
            ? new ChaincodeSource { Unavailable = new ChaincodeSource.Types.Unavailable() }
            : new ChaincodeSource { LocalPackage = new ChaincodeSource.Types.Local { PackageId = PackageId } },
    });

    public CheckCommitReadinessArgs ToCheckCommitReadinessArgs() => Fill(new CheckCommitReadinessArgs { Name = Name });

    public CommitChaincodeDefinitionArgs ToCommitArgs() => Fill(new CommitChaincodeDefinitionArgs { Name = Name });

    private TArgs Fill<TArgs>(TArgs args)
        where TArgs : IChaincodeParameters
    {
        args.Sequence = Sequence;
        args.Version = Version;
        args.EndorsementPlugin = EndorsementPlugin;
        args.ValidationPlugin = ValidationPlugin;
        args.ValidationParameter = ValidationParameter;
        args.InitRequired = InitRequired;
        args.Collections = Collections;
        return args;
    }
}
