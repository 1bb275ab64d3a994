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

        if (requested == current && await ReadDefinitionAsync(context, args.Name).ConfigureAwait(false) is { } committed
            && committed.Mismatches(definition) is { Count: > 0 } differences)
        {
            return Failed(ApproveChaincodeDefinitionForMyOrg,
                $"attempted to define the current sequence ({current}) for namespace {args.Name}, but {string.Join(", ", differences)} differ from the committed definition");
        }

        ApproveChaincodeDefinitionForMyOrgArgs approval = args.Clone();
        approval.EndorsementPlugin = definition.EndorsementPlugin;
        approval.ValidationPlugin = definition.ValidationPlugin;
        approval.ValidationParameter = definition.ValidationParameter;
        approval.Source ??= new ChaincodeSource { Unavailable = new ChaincodeSource.Types.Unavailable() };
        context.Simulator.SetState(LifecycleKeys.Namespace, LifecycleKeys.Approval(_localAdmins.MspId, args.Name, requested), approval.ToByteArray());
        return Success(new ApproveChaincodeDefinitionForMyOrgResult());
    }

    private async Task<Response> QueryApprovedAsync(DefinitionContext context, QueryApprovedChaincodeDefinitionArgs args)
    {
        long sequence = args.Sequence;
        ApproveChaincodeDefinitionForMyOrgArgs? approval;
        if (sequence == 0)
        {
            long current = await ReadSequenceAsync(context, args.Name).ConfigureAwait(false);
            approval = await ReadApprovalAsync(context, _localAdmins.MspId, args.Name, current + 1).ConfigureAwait(false)
                ?? await ReadApprovalAsync(context, _localAdmins.MspId, args.Name, current).ConfigureAwait(false);
        }
        else
        {
            approval = await ReadApprovalAsync(context, _localAdmins.MspId, args.Name, sequence).ConfigureAwait(false);
        }

        if (approval is null)
        {
            return Failed(QueryApprovedChaincodeDefinition,
                $"could not fetch approved chaincode definition (name: '{args.Name}', sequence: '{sequence}') on channel '{context.Channel.ChannelId}'");
        }

        return Success(new QueryApprovedChaincodeDefinitionResult
        {
            Sequence = approval.Sequence,
            Version = approval.Version,
            EndorsementPlugin = approval.EndorsementPlugin,
            ValidationPlugin = approval.ValidationPlugin,
            ValidationParameter = approval.ValidationParameter,
            Collections = approval.Collections ?? new CollectionConfigPackage(),
            InitRequired = approval.InitRequired,
            Source = approval.Source,
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
        foreach ((string org, IReadOnlyList<string>? mismatches) in await ApprovalsAsync(context, definition).ConfigureAwait(false))
        {
            result.Approvals[org] = mismatches is { Count: 0 };
            if (mismatches is { Count: > 0 })
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
            .ToDictionary(a => a.Key, a => a.Value is { Count: 0 }, StringComparer.Ordinal);
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
        foreach ((string org, IReadOnlyList<string>? mismatches) in await ApprovalsAsync(context, definition).ConfigureAwait(false))
        {
            result.Approvals[org] = mismatches is { Count: 0 };
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

    /// <summary>Per application org of the channel: null when it has not approved this sequence, else the parameters
    /// in which its approval differs (empty: it agrees).</summary>
    private static async Task<SortedDictionary<string, IReadOnlyList<string>?>> ApprovalsAsync(DefinitionContext context, LifecycleDefinition definition)
    {
        var approvals = new SortedDictionary<string, IReadOnlyList<string>?>(StringComparer.Ordinal);
        foreach (string org in context.Channel.Config.Application?.Organizations.Select(o => o.MspId) ?? [])
        {
            ApproveChaincodeDefinitionForMyOrgArgs? approval = await ReadApprovalAsync(context, org, definition.Name, definition.Sequence).ConfigureAwait(false);
            approvals[org] = approval is null ? null : LifecycleDefinition.From(approval).Mismatches(definition);
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

    private static async Task<ApproveChaincodeDefinitionForMyOrgArgs?> ReadApprovalAsync(DefinitionContext context, string org, string name, long sequence)
    {
        byte[]? value = await context.Simulator.GetStateAsync(
            LifecycleKeys.Namespace, LifecycleKeys.Approval(org, name, sequence), context.CancellationToken).ConfigureAwait(false);
        if (value is null)
        {
            return null;
        }

        try
        {
            return ApproveChaincodeDefinitionForMyOrgArgs.Parser.ParseFrom(value);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }
}
