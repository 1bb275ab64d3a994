using Fabricish.Ledger.State;
using Fabricish.Protos.Peer;
using Fabricish.Protos.Peer.Lifecycle;
using Google.Protobuf;

namespace Fabricish.Peer.Lifecycle;

/// <summary>The channel functions: approvals and committed definitions, read and written through the proposal's
/// simulator so that they are endorsed, ordered and validated like any transaction.</summary>
internal sealed partial class LifecycleSystemChaincode
{
    private async Task<Response> ApproveAsync(DefinitionContext context, ApproveChaincodeDefinitionForMyOrgArgs args)
    {
        LifecycleDefinition definition = LifecycleDefinition.From(args);
        if ((CheckDefinition(definition) ?? CheckCollections(context, definition)) is { } invalid)
        {
            return Failed(ApproveChaincodeDefinitionForMyOrg, invalid);
        }

        long current = await ReadSequenceAsync(context, args.Name).ConfigureAwait(false);
        long requested = args.Sequence;
        string? refused = requested switch
        {
            _ when requested == 0 && current == 0 => "requested sequence is 0, but first definable sequence number is 1",
            _ when requested < current => $"currently defined sequence {current} is larger than requested sequence {requested}",
            _ when requested > current + 1 => $"requested sequence {requested} is larger than the next available sequence number {current + 1}",
            _ => null,
        };
        if (refused is not null)
        {
            return Failed(ApproveChaincodeDefinitionForMyOrg, refused);
        }

        var own = new OrgApprovalState(context.Simulator, _localAdmins.MspId, context.CancellationToken);
        string privateName = LifecycleKeys.PrivateName(args.Name, requested);
        string packageId = args.Source?.TypeCase == ChaincodeSource.TypeOneofCase.LocalPackage ? args.Source.LocalPackage.PackageId : string.Empty;
        if (requested == current)
        {
            if (await ReadDefinitionAsync(context, args.Name).ConfigureAwait(false) is not { } committed)
            {
                return Failed(ApproveChaincodeDefinitionForMyOrg, $"missing metadata for currently committed sequence number ({current})");
            }

            if (committed.ParameterDifference(definition) is { } difference)
            {
                return Failed(ApproveChaincodeDefinitionForMyOrg,
                    $"attempted to redefine the current committed sequence ({current}) for namespace {args.Name} with different parameters: {difference}");
            }

            if (await IsAttemptToRedefineAsync(own, privateName, packageId, definition).ConfigureAwait(false))
            {
                return Failed(ApproveChaincodeDefinitionForMyOrg, $"attempted to redefine the current committed sequence ({current}) for namespace {args.Name}");
            }
        }
        else if (await IsAttemptToRedefineAsync(own, privateName, packageId, definition).ConfigureAwait(false))
        {
            return Failed(ApproveChaincodeDefinitionForMyOrg,
                $"attempted to redefine uncommitted sequence ({requested}) for namespace {args.Name} with unchanged content");
        }

        await LifecycleSerializer.SerializeAsync(
            own, LifecycleSerializer.NamespacesPrefix, privateName, LifecycleKeys.ParametersDatatype, LifecycleStateCodec.EncodeParameters(definition)).ConfigureAwait(false);
        await LifecycleSerializer.SerializeAsync(
            own, LifecycleSerializer.SourcesPrefix, privateName, LifecycleKeys.LocalPackageDatatype, LifecycleStateCodec.EncodeLocalPackage(packageId)).ConfigureAwait(false);
        return Success(new ApproveChaincodeDefinitionForMyOrgResult());
    }

    private async Task<Response> QueryApprovedAsync(DefinitionContext context, QueryApprovedChaincodeDefinitionArgs args)
    {
        var own = new OrgApprovalState(context.Simulator, _localAdmins.MspId, context.CancellationToken);
        long requested = args.Sequence;
        if (requested == 0)
        {
            // The latest approval: of the next sequence when there is one, else of the committed one.
            requested = await ReadSequenceAsync(context, args.Name).ConfigureAwait(false);
            if (await LifecycleSerializer.DeserializeMetadataAsync(own, LifecycleSerializer.NamespacesPrefix, LifecycleKeys.PrivateName(args.Name, requested + 1)).ConfigureAwait(false) is not null)
            {
                requested++;
            }
        }

        (ApprovedDefinition? approved, string? error) = await ReadApprovalAsync(own, args.Name, requested).ConfigureAwait(false);
        if (approved is null)
        {
            return Failed(QueryApprovedChaincodeDefinition, error
                ?? $"could not fetch approved chaincode definition (name: '{args.Name}', sequence: '{requested}') on channel '{context.Channel.ChannelId}'");
        }

        LifecycleDefinition parameters = approved.Parameters;
        return Success(new QueryApprovedChaincodeDefinitionResult
        {
            Sequence = requested,
            Version = parameters.Version,
            EndorsementPlugin = parameters.EndorsementPlugin,
            ValidationPlugin = parameters.ValidationPlugin,
            ValidationParameter = parameters.ValidationParameter,
            Collections = parameters.Collections ?? new CollectionConfigPackage(),
            InitRequired = parameters.InitRequired,
            Source = Source(approved.PackageId),
        });
    }

    private async Task<Response> CheckCommitReadinessAsync(DefinitionContext context, CheckCommitReadinessArgs args)
    {
        LifecycleDefinition definition = LifecycleDefinition.From(args);
        if (await CheckNextSequenceAsync(context, definition).ConfigureAwait(false) is { } refused)
        {
            return Failed(CheckCommitReadiness, refused);
        }

        var result = new CheckCommitReadinessResult();
        foreach ((string org, IReadOnlyList<string> mismatches) in await ApprovalsAsync(context, definition).ConfigureAwait(false))
        {
            result.Approvals[org] = mismatches.Count == 0;
            if (mismatches.Count > 0)
            {
                var items = new CheckCommitReadinessResult.Types.Mismatches();
                items.Items.AddRange(mismatches);
                result.Mismatches[org] = items;
            }
        }

        return Success(result);
    }

    private async Task<Response> CommitAsync(DefinitionContext context, CommitChaincodeDefinitionArgs args)
    {
        LifecycleDefinition definition = LifecycleDefinition.From(args);
        if ((await CheckNextSequenceAsync(context, definition).ConfigureAwait(false) ?? CheckCollections(context, definition)) is { } refused)
        {
            return Failed(CommitChaincodeDefinition, refused);
        }

        Dictionary<string, bool> approvals = (await ApprovalsAsync(context, definition).ConfigureAwait(false))
            .ToDictionary(a => a.Key, a => a.Value.Count == 0, StringComparer.Ordinal);
        if (!approvals.GetValueOrDefault(_localAdmins.MspId))
        {
            return Failed(CommitChaincodeDefinition, $"chaincode definition not agreed to by this org ({_localAdmins.MspId})");
        }

        if (ApprovalPolicy.Check(context.Channel.Config, approvals) is { } notAgreed)
        {
            return Failed(CommitChaincodeDefinition, notAgreed);
        }

        foreach ((string key, byte[] value) in LifecycleStateCodec.Encode(definition))
        {
            context.Simulator.SetState(LifecycleKeys.Namespace, key, value);
        }

        return Success(new CommitChaincodeDefinitionResult());
    }

    private async Task<Response> QueryDefinitionAsync(DefinitionContext context, QueryChaincodeDefinitionArgs args)
    {
        if (await ReadDefinitionAsync(context, args.Name).ConfigureAwait(false) is not { } definition)
        {
            return Failed(QueryChaincodeDefinition, $"namespace {args.Name} is not defined");
        }

        QueryChaincodeDefinitionResult result = definition.ToQueryResult();
        foreach ((string org, IReadOnlyList<string> mismatches) in await ApprovalsAsync(context, definition).ConfigureAwait(false))
        {
            result.Approvals[org] = mismatches.Count == 0;
        }

        return Success(result);
    }

    private async Task<Response> QueryDefinitionsAsync(DefinitionContext context)
    {
        var names = new List<string>();
        string end = LifecycleKeys.MetadataPrefix[..^1] + "0";
        await using (IAsyncEnumerator<VersionedKV> scan = context.Simulator.GetStateRangeScanIterator(
            LifecycleKeys.Namespace, LifecycleKeys.MetadataPrefix, end, context.CancellationToken))
        {
            while (await scan.MoveNextAsync().ConfigureAwait(false))
            {
                names.Add(scan.Current.Key[LifecycleKeys.MetadataPrefix.Length..]);
            }
        }

        var result = new QueryChaincodeDefinitionsResult();
        foreach (string name in names)
        {
            if (await ReadDefinitionAsync(context, name).ConfigureAwait(false) is { } definition)
            {
                result.ChaincodeDefinitions.Add(definition.ToListEntry());
            }
        }

        return Success(result);
    }

    private static string? CheckDefinition(LifecycleDefinition definition)
    {
        if (CheckNameAndVersion(definition.Name, definition.Version) is { } invalid)
        {
            return invalid;
        }

        return definition.EndorsementPolicy() is null
            ? "the validation parameter (endorsement policy) is not a marshaled ApplicationPolicy"
            : null;
    }

    private static string? CheckCollections(DefinitionContext context, LifecycleDefinition definition) =>
        CollectionConfigValidator.Validate(definition.Collections, [.. context.Channel.Config.Application?.Organizations.Select(o => o.MspId) ?? []]);

    private static async Task<string?> CheckNextSequenceAsync(DefinitionContext context, LifecycleDefinition definition)
    {
        if (CheckDefinition(definition) is { } invalid)
        {
            return invalid;
        }

        long current = await ReadSequenceAsync(context, definition.Name).ConfigureAwait(false);
        return definition.Sequence == current + 1 ? null : $"requested sequence is {definition.Sequence}, but new definition must be sequence {current + 1}";
    }

    /// <summary>Per application org of the channel, Fabric's QueryOrgApprovals: the parameters in which the hashes in
    /// its implicit collection differ from <paramref name="definition"/>'s (empty: it approved exactly this; only
    /// "ChaincodeParameters": it approved nothing for this sequence).</summary>
    private static async Task<SortedDictionary<string, IReadOnlyList<string>>> ApprovalsAsync(DefinitionContext context, LifecycleDefinition definition)
    {
        var approvals = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        string privateName = LifecycleKeys.PrivateName(definition.Name, definition.Sequence);
        IReadOnlyList<KeyValuePair<string, byte[]>> parameters = LifecycleStateCodec.EncodeParameters(definition);
        foreach (string org in context.Channel.Config.Application?.Organizations.Select(o => o.MspId) ?? [])
        {
            var state = new OrgApprovalState(context.Simulator, org, context.CancellationToken);
            approvals[org] = await LifecycleSerializer.MismatchesAsync(
                state, LifecycleSerializer.NamespacesPrefix, privateName, LifecycleKeys.ParametersDatatype, parameters).ConfigureAwait(false);
        }

        return approvals;
    }

    private static async Task<long> ReadSequenceAsync(DefinitionContext context, string name) => LifecycleStateCodec.DecodeSequence(
        await context.Simulator.GetStateAsync(LifecycleKeys.Namespace, LifecycleKeys.Field(name, LifecycleKeys.SequenceField), context.CancellationToken).ConfigureAwait(false));

    private static async Task<LifecycleDefinition?> ReadDefinitionAsync(DefinitionContext context, string name)
    {
        var values = new List<byte[]?>();
        foreach (string key in LifecycleStateCodec.KeysOf(name))
        {
            values.Add(await context.Simulator.GetStateAsync(LifecycleKeys.Namespace, key, context.CancellationToken).ConfigureAwait(false));
        }

        return LifecycleStateCodec.Decode(name, values, out _);
    }

    /// <summary>Fabric's isAttemptToRedefine: the organization already approved these parameters with this package.</summary>
    private static async Task<bool> IsAttemptToRedefineAsync(OrgApprovalState own, string privateName, string packageId, LifecycleDefinition definition)
    {
        string[] split = privateName.Split('#');
        (ApprovedDefinition? approved, _) = await ReadApprovalAsync(own, split[0], long.Parse(split[1], System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
        return approved is not null && approved.Parameters.ParameterDifference(definition) is null && approved.PackageId == packageId;
    }

    /// <summary>Fabric's fetchApprovedChaincodeDefinition from this organization's implicit collection: null and no
    /// error when nothing is approved for the sequence, null and Fabric's error when what is stored is unusable.</summary>
    private static async Task<(ApprovedDefinition? Approved, string? Error)> ReadApprovalAsync(OrgApprovalState own, string name, long sequence)
    {
        string privateName = LifecycleKeys.PrivateName(name, sequence);
        try
        {
            if (await LifecycleSerializer.DeserializeMetadataAsync(own, LifecycleSerializer.NamespacesPrefix, privateName).ConfigureAwait(false) is not { } metadata)
            {
                return (null, null);
            }

            if (metadata.Datatype != LifecycleKeys.ParametersDatatype)
            {
                return (null, $"not a chaincode parameters type: {metadata.Datatype}");
            }

            var fields = new List<StateData>(LifecycleKeys.ParameterFields.Count);
            foreach (string field in LifecycleKeys.ParameterFields)
            {
                fields.Add(await LifecycleSerializer.DeserializeFieldAsync(own, LifecycleSerializer.NamespacesPrefix, privateName, field).ConfigureAwait(false));
            }

            LifecycleDefinition parameters = LifecycleStateCodec.DecodeParameters(name, sequence, fields);
            if (await LifecycleSerializer.DeserializeMetadataAsync(own, LifecycleSerializer.SourcesPrefix, privateName).ConfigureAwait(false) is not { } sources)
            {
                return (null, $"could not fetch chaincode-source metadata for {privateName}");
            }

            if (sources.Datatype != LifecycleKeys.LocalPackageDatatype)
            {
                return (null, $"not a chaincode local package type: {sources.Datatype}");
            }

            StateData package = await LifecycleSerializer.DeserializeFieldAsync(own, LifecycleSerializer.SourcesPrefix, privateName, LifecycleKeys.PackageIdField).ConfigureAwait(false);
            return (new ApprovedDefinition(parameters, package.String), null);
        }
        catch (InvalidProtocolBufferException e)
        {
            return (null, $"could not deserialize chaincode parameters for {privateName}: {e.Message}");
        }
    }
}
