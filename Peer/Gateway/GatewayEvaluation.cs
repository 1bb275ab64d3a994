using Fabricish.Channels.Config;
using Fabricish.Peer.Channels;
using Fabricish.Protos.Gateway;
using Fabricish.Protos.Peer;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Fabricish.Peer.Gateway;

/// <summary>
/// The gateway's Evaluate (Fabric's <c>Evaluate</c>): runs the proposal on one peer, this one when it has the chaincode,
/// else a peer of its own organisation, else one of another organisation that the chaincode's endorsement policy names.
/// A peer that cannot be reached or refuses the proposal is replaced by the next; a chaincode failure ends the call as
/// an error carrying the peer's ErrorDetail, since Fabric's clients do not read the response status.
/// </summary>
internal sealed class GatewayEvaluation(
    IPeerChannels channels,
    EndorserDirectory directory,
    IEndorsementPolicyLookup policies,
    GatewayOptions options,
    ILogger logger)
{
    public async Task<EvaluateResponse> EvaluateAsync(EvaluateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        GatewayProposal proposal = GatewayProposal.Parse(request.ProposedTransaction, out string? parseError)
            ?? throw GatewayErrors.ProposalNotUnpacked(parseError);
        if (!channels.TryGet(proposal.ChannelId, out IPeerLedger? ledger))
        {
            throw GatewayErrors.ChannelNotFound(proposal.ChannelId);
        }

        List<IGatewayEndorser> candidates = await CandidatesAsync(proposal, request.TargetOrganizations, ledger.Config, cancellationToken).ConfigureAwait(false);
        var details = new List<ErrorDetail>();
        StatusCode code = StatusCode.Unavailable;
        foreach (IGatewayEndorser endorser in candidates)
        {
            EndorserOutcome outcome;
            ProposalResponse? response = null;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.EndorsementTimeout);
            try
            {
                response = await endorser.ProcessProposalAsync(proposal.Signed, evaluate: true, timeout.Token).ConfigureAwait(false);
                outcome = EndorserOutcome.Of(response);
            }
            catch (RpcException e)
            {
                outcome = EndorserOutcome.Of(e);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                outcome = new EndorserOutcome(StatusCode.DeadlineExceeded, "evaluate timeout expired", true);
            }

            if (outcome.Succeeded)
            {
                Response result = response!.Response.Clone();
                // The response payload need not be the transaction result; the signed chaincode action holds it.
                if (PreparedTransactions.Result(response) is { } payload)
                {
                    result.Payload = payload;
                }

                return new EvaluateResponse { Result = result };
            }

            GatewayLog.EvaluateFailed(logger, endorser.Address, endorser.MspId, outcome.Message);
            details.Add(GatewayErrors.Detail(endorser.Address, endorser.MspId, outcome.Message));
            code = outcome.Code;
            if (!outcome.TryAnotherPeer)
            {
                throw GatewayErrors.EvaluateRefused(outcome.Code, outcome.Message, details);
            }
        }

        throw GatewayErrors.EvaluateFailed(code, details);
    }

    private async Task<List<IGatewayEndorser>> CandidatesAsync(
        GatewayProposal proposal, IReadOnlyCollection<string> targetOrganizations, ChannelConfig config, CancellationToken cancellationToken)
    {
        string local = directory.LocalMspId;
        bool localHasChaincode = await directory.Local.Endorser.HasChaincodeAsync(proposal.ChannelId, proposal.ChaincodeName, cancellationToken).ConfigureAwait(false);
        ApplicationPolicy? policy = await policies.GetEndorsementPolicyAsync(proposal.ChannelId, proposal.ChaincodeName, cancellationToken).ConfigureAwait(false);
        if (!localHasChaincode && policy is null)
        {
            throw GatewayErrors.ChaincodeNotFound(proposal.ChaincodeName, proposal.ChannelId);
        }

        // Transient data stays in the gateway's organisation unless the client names the organisations.
        bool transientProtected = targetOrganizations.Count == 0 && proposal.HasTransientData;
        HashSet<string>? targets = transientProtected
            ? [local]
            : targetOrganizations.Count > 0 ? new HashSet<string>(targetOrganizations, StringComparer.Ordinal) : null;

        // Organisations whose peers the policy asks to endorse are the ones expected to have the chaincode.
        HashSet<string>? policyOrgs = null;
        if (policy is not null && EndorsementLayouts.Compute(policy, config, out _) is { } layouts)
        {
            policyOrgs = [.. layouts.SelectMany(l => l.Organizations)];
        }

        var candidates = new List<IGatewayEndorser>();
        foreach ((string mspId, IReadOnlyList<IGatewayEndorser> peers) in directory.EndorsersByOrg(config).OrderBy(e => e.Key == local ? 0 : 1))
        {
            if ((targets is not null && !targets.Contains(mspId)) || (mspId != local && policyOrgs is not null && !policyOrgs.Contains(mspId)))
            {
                continue;
            }

            candidates.AddRange(peers);
        }

        // System chaincodes run in every peer without a registry entry: this peer stays a candidate, only asked last
        // when its registry does not list the chaincode.
        if (!localHasChaincode && candidates.Remove(directory.Local))
        {
            candidates.Add(directory.Local);
        }

        if (candidates.Count == 0)
        {
            throw GatewayErrors.NoEvaluators(proposal.ChaincodeName, proposal.ChannelId, transientProtected);
        }

        return candidates;
    }
}
