using System.Text.RegularExpressions;
using Fabricish.Channels.Policies;
using Fabricish.Endorser.Simulation;
using Fabricish.Endorser.SystemChaincode;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Fabricish.Peer.Lifecycle;

/// <summary>Fabric's <c>_lifecycle</c> system chaincode: args[0] names the function, args[1] is its marshaled
/// <c>lifecycle.&lt;Function&gt;Args</c>, the response payload the marshaled <c>&lt;Function&gt;Result</c>. Installing
/// and reading installed packages are channel-less and for the local MSP's admins (checked by the endorser);
/// approving and reading this org's approvals need a local MSP admin too; committing, checking readiness and reading
/// definitions need the channel's <c>/Channel/Application/Writers</c> (Fabric's default ACLs).</summary>
internal sealed partial class LifecycleSystemChaincode : ISystemChaincode
{
    public const string InstallChaincode = "InstallChaincode";
    public const string QueryInstalledChaincode = "QueryInstalledChaincode";
    public const string QueryInstalledChaincodes = "QueryInstalledChaincodes";
    public const string GetInstalledChaincodePackage = "GetInstalledChaincodePackage";
    public const string ApproveChaincodeDefinitionForMyOrg = "ApproveChaincodeDefinitionForMyOrg";
    public const string QueryApprovedChaincodeDefinition = "QueryApprovedChaincodeDefinition";
    public const string QueryApprovedChaincodeDefinitions = "QueryApprovedChaincodeDefinitions";
    public const string CheckCommitReadiness = "CheckCommitReadiness";
    public const string CommitChaincodeDefinition = "CommitChaincodeDefinition";
    public const string QueryChaincodeDefinition = "QueryChaincodeDefinition";
    public const string QueryChaincodeDefinitions = "QueryChaincodeDefinitions";

    private static readonly HashSet<string> Channelless =
        new([InstallChaincode, QueryInstalledChaincode, QueryInstalledChaincodes, GetInstalledChaincodePackage], StringComparer.Ordinal);

    private readonly InstalledChaincodes _installed;
    private readonly LifecycleDefinitions _definitions;
    private readonly ILocalMspAdmins _localAdmins;
    private readonly ILogger<LifecycleSystemChaincode> _logger;

    public LifecycleSystemChaincode(InstalledChaincodes installed, LifecycleDefinitions definitions, ILocalMspAdmins localAdmins, ILogger<LifecycleSystemChaincode> logger)
    {
        ArgumentNullException.ThrowIfNull(installed);
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(localAdmins);
        _installed = installed;
        _definitions = definitions;
        _localAdmins = localAdmins;
        _logger = logger;
    }

    public string Name => LifecycleKeys.Namespace;

    public bool AllowsNoChannel(string function) => Channelless.Contains(function);

    public async Task<Response> InvokeAsync(SystemChaincodeInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (invocation.Args.Count == 0)
        {
            return Error("lifecycle scc must be invoked with arguments");
        }

        if (invocation.Args.Count != 2)
        {
            return Error($"lifecycle scc operations require exactly two arguments but received {invocation.Args.Count}");
        }

        string function = invocation.Function;
        if (Channelless.Contains(function))
        {
            // The endorser let a channel-less proposal through only after the local Admins check.
            return invocation.Channel is null
                ? InvokeInstalled(function, invocation.Args[1])
                : Error($"failed to invoke backing implementation of '{function}': this function must be invoked without a channel");
        }

        if (invocation.Channel is null || invocation.Simulator is null)
        {
            return Error($"failed to invoke backing implementation of '{function}': this function needs a channel");
        }

        if (CheckAcl(function, invocation) is { } denied)
        {
            return Error(denied);
        }

        try
        {
            Response response = await InvokeDefinitionsAsync(function, invocation, invocation.Simulator, cancellationToken).ConfigureAwait(false);
            LifecycleLog.Invoked(_logger, invocation.Channel.ChannelId, function, "-", response.Status == 200 ? "ok" : response.Message);
            return response;
        }
        catch (InvalidProtocolBufferException e)
        {
            return Error($"failed to decode input arg to '{function}': {e.Message}");
        }
    }

    private Response InvokeInstalled(string function, ByteString input)
    {
        try
        {
            return function switch
            {
                InstallChaincode => Install(Protos.Peer.Lifecycle.InstallChaincodeArgs.Parser.ParseFrom(input)),
                QueryInstalledChaincode => QueryInstalled(Protos.Peer.Lifecycle.QueryInstalledChaincodeArgs.Parser.ParseFrom(input)),
                QueryInstalledChaincodes => QueryAllInstalled(),
                _ => GetPackage(Protos.Peer.Lifecycle.GetInstalledChaincodePackageArgs.Parser.ParseFrom(input)),
            };
        }
        catch (InvalidProtocolBufferException e)
        {
            return Error($"failed to decode input arg to '{function}': {e.Message}");
        }
    }

    /// <summary>Fabric's default ACLs: this org's approvals belong to the local MSP's admins, the channel-wide
    /// definition functions to the channel's application Writers.</summary>
    private string? CheckAcl(string function, SystemChaincodeInvocation invocation)
    {
        string resource = $"{LifecycleKeys.Namespace}/{function}";
        if (function is ApproveChaincodeDefinitionForMyOrg or QueryApprovedChaincodeDefinition or QueryApprovedChaincodeDefinitions)
        {
            return _localAdmins.AuthenticateAdmin(invocation.Creator.Span, out string? reason) is null
                ? $"access denied for [{resource}]: the creator must be an admin of this peer's organization {_localAdmins.MspId}: {reason}"
                : null;
        }

        SignedProposal signed = invocation.Proposal.SignedProposal;
        PolicyResult writers = invocation.Channel!.Config.Policies.GetPolicy(PolicyManager.ApplicationWriters).Evaluate(
            [new SignedData(signed.ProposalBytes.Memory, invocation.Creator.Memory, signed.Signature.Memory)]);
        return writers.Satisfied
            ? null
            : $"access denied for [{resource}]: failed evaluating policy on signed data during check policy [{PolicyManager.ApplicationWriters}]: [{writers.Reason}]";
    }

    private Task<Response> InvokeDefinitionsAsync(string function, SystemChaincodeInvocation invocation, TxSimulator simulator, CancellationToken cancellationToken)
    {
        ByteString input = invocation.Args[1];
        var context = new DefinitionContext(invocation.Channel!, simulator, cancellationToken);
        return function switch
        {
            ApproveChaincodeDefinitionForMyOrg => ApproveAsync(context, Protos.Peer.Lifecycle.ApproveChaincodeDefinitionForMyOrgArgs.Parser.ParseFrom(input)),
            QueryApprovedChaincodeDefinition => QueryApprovedAsync(context, Protos.Peer.Lifecycle.QueryApprovedChaincodeDefinitionArgs.Parser.ParseFrom(input)),
            QueryApprovedChaincodeDefinitions => QueryApprovedAllAsync(context),
            CheckCommitReadiness => CheckCommitReadinessAsync(context, Protos.Peer.Lifecycle.CheckCommitReadinessArgs.Parser.ParseFrom(input)),
            CommitChaincodeDefinition => CommitAsync(context, Protos.Peer.Lifecycle.CommitChaincodeDefinitionArgs.Parser.ParseFrom(input)),
            QueryChaincodeDefinition => QueryDefinitionAsync(context, Protos.Peer.Lifecycle.QueryChaincodeDefinitionArgs.Parser.ParseFrom(input)),
            QueryChaincodeDefinitions => QueryDefinitionsAsync(context),
            _ => Task.FromResult(Error($"failed to invoke backing implementation of '{function}': unknown function")),
        };
    }

    private static Response Success(IMessage result) => new() { Status = 200, Payload = result.ToByteString() };

    private static Response Error(string message) => new() { Status = 500, Message = message };

    private static Response Failed(string function, string reason) => Error($"failed to invoke backing implementation of '{function}': {reason}");

    /// <summary>Fabric's chaincode name and version rules.</summary>
    private static string? CheckNameAndVersion(string name, string version)
    {
        if (!NamePattern().IsMatch(name))
        {
            return $"invalid chaincode name '{name}'. Names must start with a letter or number, and can only consist of alphanumerics, '_', and '-'";
        }

        return VersionPattern().IsMatch(version)
            ? null
            : $"invalid chaincode version '{version}'. Versions must not be empty and can only consist of alphanumerics, '_', '-', '+', and '.'";
    }

    [GeneratedRegex("^[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9_.+-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
