using Fabricish.Protos.Peer;
using Fabricish.Protos.Peer.Lifecycle;
using Google.Protobuf;

namespace Fabricish.Peer.Lifecycle;

/// <summary>A chaincode definition as the lifecycle handles it: what is approved, checked and committed (Fabric's
/// ChaincodeDefinition: a sequence plus the ChaincodeParameters every approving org must agree on).</summary>
internal sealed record LifecycleDefinition(
    string Name,
    long Sequence,
    string Version,
    string EndorsementPlugin,
    string ValidationPlugin,
    ByteString ValidationParameter,
    CollectionConfigPackage? Collections,
    bool InitRequired)
{
    /// <summary>Fabric's default endorsement policy reference, used when a definition names none.</summary>
    public const string DefaultEndorsementPolicyRef = "/Channel/Application/Endorsement";

    public static ByteString DefaultValidationParameter { get; } =
        new ApplicationPolicy { ChannelConfigPolicyReference = DefaultEndorsementPolicyRef }.ToByteString();

    public static LifecycleDefinition From(ApproveChaincodeDefinitionForMyOrgArgs args) => WithDefaults(new(
        args.Name, args.Sequence, args.Version, args.EndorsementPlugin, args.ValidationPlugin, args.ValidationParameter, args.Collections, args.InitRequired));

    public static LifecycleDefinition From(CommitChaincodeDefinitionArgs args) => WithDefaults(new(
        args.Name, args.Sequence, args.Version, args.EndorsementPlugin, args.ValidationPlugin, args.ValidationParameter, args.Collections, args.InitRequired));

    public static LifecycleDefinition From(CheckCommitReadinessArgs args) => WithDefaults(new(
        args.Name, args.Sequence, args.Version, args.EndorsementPlugin, args.ValidationPlugin, args.ValidationParameter, args.Collections, args.InitRequired));

    /// <summary>The validation parameter as an ApplicationPolicy, or null when it does not parse.</summary>
    public ApplicationPolicy? EndorsementPolicy()
    {
        try
        {
            ApplicationPolicy policy = ApplicationPolicy.Parser.ParseFrom(ValidationParameter);
            return policy.TypeCase == ApplicationPolicy.TypeOneofCase.None ? null : policy;
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    /// <summary>The parameters in which <paramref name="other"/> differs (Fabric's CheckCommitReadiness mismatches).</summary>
    public IReadOnlyList<string> Mismatches(LifecycleDefinition other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var items = new List<string>();
        if (Version != other.Version)
        {
            items.Add("Version");
        }

        if (EndorsementPlugin != other.EndorsementPlugin)
        {
            items.Add("EndorsementPlugin");
        }

        if (InitRequired != other.InitRequired)
        {
            items.Add("InitRequired");
        }

        if (ValidationPlugin != other.ValidationPlugin)
        {
            items.Add("ValidationPlugin");
        }

        if (!ValidationParameter.Equals(other.ValidationParameter))
        {
            items.Add("ValidationParameter");
        }

        if (!Equals(Collections ?? new CollectionConfigPackage(), other.Collections ?? new CollectionConfigPackage()))
        {
            items.Add("Collections");
        }

        return items;
    }

    public QueryChaincodeDefinitionResult ToQueryResult() => Fill(new QueryChaincodeDefinitionResult());

    public QueryChaincodeDefinitionsResult.Types.ChaincodeDefinition ToListEntry() =>
        Fill(new QueryChaincodeDefinitionsResult.Types.ChaincodeDefinition { Name = Name });

    private TResult Fill<TResult>(TResult result)
        where TResult : IChaincodeParameters
    {
        result.Sequence = Sequence;
        result.Version = Version;
        result.EndorsementPlugin = EndorsementPlugin;
        result.ValidationPlugin = ValidationPlugin;
        result.ValidationParameter = ValidationParameter;
        result.Collections = Collections?.Clone() ?? new CollectionConfigPackage();
        result.InitRequired = InitRequired;
        return result;
    }

    /// <summary>Fabric's SetChaincodeDefinitionDefaults: plugins "escc"/"vscc" and the channel's Endorsement policy.</summary>
    private static LifecycleDefinition WithDefaults(LifecycleDefinition definition) => definition with
    {
        EndorsementPlugin = definition.EndorsementPlugin.Length == 0 ? "escc" : definition.EndorsementPlugin,
        ValidationPlugin = definition.ValidationPlugin.Length == 0 ? "vscc" : definition.ValidationPlugin,
        ValidationParameter = definition.ValidationParameter.IsEmpty ? DefaultValidationParameter : definition.ValidationParameter,
    };
}
