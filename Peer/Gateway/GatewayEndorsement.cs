using Fabricish.Channels.Config;
using Fabricish.Peer.Channels;
using Fabricish.Protos.Common;
using Fabricish.Protos.Gateway;
using Fabricish.Protos.Peer;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Fabricish.Peer.Gateway;

/// <summary>
/// The gateway's Endorse (Fabric's <c>Endorse</c> with <c>planFromFirstEndorser</c>): works out from the chaincode's
/// endorsement policy which organisations must endorse, preferring layouts that include this peer's organisation;
/// endorses first on one peer (this one when its organisation is in the plan), then in parallel on a peer of each other
/// organisation of the layout, trying the organisation's next peer when one fails and the next layout when an
/// organisation runs out of peers. Every remote endorsement is verified and must carry the same payload as the first.
/// When the client names the endorsing organisations, exactly those are asked.
/// </summary>
internal sealed class GatewayEndorsement(
    IPeerChannels channels,
    EndorserDirectory directory,
    IEndorsementPolicyLookup policies,
    GatewayOptions options,
    ILogger logger)
{
    public async Task<Envelope> EndorseAsync(EndorseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        GatewayProposal proposal = GatewayProposal.Parse(request.ProposedTransaction, out string? parseError)
            ?? throw GatewayErrors.ProposalInvalid(parseError!);
        if (!channels.TryGet(proposal.ChannelId, out IPeerLedger? ledger))
        {
            throw GatewayErrors.ChannelNotFound(proposal.ChannelId);
        }

        ChannelConfig config = ledger.Config;
        IReadOnlyDictionary<string, IReadOnlyList<IGatewayEndorser>> endorsers = directory.EndorsersByOrg(config);
        EndorsementPlan plan = request.EndorsingOrganizations.Count > 0
            ? PlanForOrgs(request.EndorsingOrganizations, endorsers, config)
            : await PlanFromPolicyAsync(proposal, endorsers, config, cancellationToken).ConfigureAwait(false);

        string firstOrg = plan.Layouts[0].Includes(directory.LocalMspId) ? directory.LocalMspId : plan.Layouts[0].Organizations.First();
        if (!await EndorseOnOrgAsync(plan, firstOrg, 1, proposal, cancellationToken).ConfigureAwait(false))
        {
            throw plan.Failed("failed to endorse transaction, see attached details for more info");
        }

        foreach (EndorsementLayout layout in plan.Layouts)
        {
            if (!layout.Quantities.All(q => plan.CanReach(q.Key, q.Value)))
            {
                continue;
            }

            await Task.WhenAll(layout.Quantities.Select(q => EndorseOnOrgAsync(plan, q.Key, q.Value, proposal, cancellationToken))).ConfigureAwait(false);
            if (plan.IsSatisfied(layout))
            {
                GatewayLog.Endorsed(logger, proposal.TxId, layout.ToString());
                return PreparedTransactions.Build(proposal, plan.ResponsePayload!, plan.EndorsementsFor(layout));
            }
        }

        throw plan.Failed("failed to collect enough transaction endorsements, see attached details for more info");
    }

    /// <summary>The client takes responsibility for the policy (as the lifecycle's approve for one organisation does):
    /// one peer of each named organisation.</summary>
    private static EndorsementPlan PlanForOrgs(
        IEnumerable<string> organizations, IReadOnlyDictionary<string, IReadOnlyList<IGatewayEndorser>> endorsers, ChannelConfig config)
    {
        string[] orgs = [.. organizations.Distinct(StringComparer.Ordinal)];
        string[] missing = [.. orgs.Where(o => !endorsers.ContainsKey(o))];
        if (missing.Length > 0)
        {
            throw GatewayErrors.NoEndorsersForOrgs(missing);
        }

        return new EndorsementPlan([EndorsementLayout.Of(orgs)], endorsers, config);
    }

    private async Task<EndorsementPlan> PlanFromPolicyAsync(
        GatewayProposal proposal, IReadOnlyDictionary<string, IReadOnlyList<IGatewayEndorser>> endorsers, ChannelConfig config, CancellationToken cancellationToken)
    {
        ApplicationPolicy policy = await policies.GetEndorsementPolicyAsync(proposal.ChannelId, proposal.ChaincodeName, cancellationToken).ConfigureAwait(false)
            ?? throw GatewayErrors.ChaincodeNotFound(proposal.ChaincodeName, proposal.ChannelId);
        IReadOnlyList<EndorsementLayout> layouts = EndorsementLayouts.Compute(policy, config, out string? error)
            ?? throw GatewayErrors.EndorsementPolicyUnusable(error!);
        if (layouts.Count == 0)
        {
            throw GatewayErrors.EndorsementPolicyUnsatisfiable(proposal.ChaincodeName, proposal.ChannelId);
        }

        // Private data stays in the gateway's organisation unless the client names others (Fabric's transient protection).
        string local = directory.LocalMspId;
        IEnumerable<EndorsementLayout> candidates = layouts.Select(l => l.Total == 0 ? EndorsementLayout.Of(local) : l);
        if (proposal.HasTransientData)
        {
            candidates = candidates.Where(l => l.Organizations.All(o => o == local));
        }

        List<EndorsementLayout> reachable = [.. candidates
            .Where(l => l.Quantities.All(q => endorsers.TryGetValue(q.Key, out IReadOnlyList<IGatewayEndorser>? peers) && peers.Count >= q.Value))
            .OrderBy(l => l.Includes(local) ? 0 : 1)];
        if (reachable.Count == 0)
        {
            throw Unreachable(proposal, layouts, endorsers);
        }

        return new EndorsementPlan(reachable, endorsers, config);
    }

    /// <summary>Names what is missing for the layout that lacks least, so the operator knows whose peers to add.</summary>
    private RpcException Unreachable(
        GatewayProposal proposal, IReadOnlyList<EndorsementLayout> layouts, IReadOnlyDictionary<string, IReadOnlyList<IGatewayEndorser>> endorsers)
    {
        if (proposal.HasTransientData)
        {
            return GatewayErrors.NoLocalEndorsersForTransientData();
        }

        string[] Missing(EndorsementLayout layout) => [.. layout.Quantities
            .Where(q => (endorsers.GetValueOrDefault(q.Key)?.Count ?? 0) < q.Value)
            .Select(q => q.Key)];
        EndorsementLayout closest = layouts.OrderBy(l => Missing(l).Length).ThenBy(l => l.Total).First();
        return GatewayErrors.NoEndorsementCombination(proposal.ChaincodeName, proposal.ChannelId, closest, Missing(closest));
    }

    /// <summary>Asks peers of one organisation in turn until it has <paramref name="quantity"/> endorsements or no peer
    /// is left; true when it has them.</summary>
    private async Task<bool> EndorseOnOrgAsync(EndorsementPlan plan, string mspId, int quantity, GatewayProposal proposal, CancellationToken cancellationToken)
    {
        while (plan.Endorsed(mspId) < quantity)
        {
            if (plan.NextPeer(mspId) is not { } endorser)
            {
                return false;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.EndorsementTimeout);
            try
            {
                ProposalResponse response = await endorser.ProcessProposalAsync(proposal.Signed, evaluate: false, timeout.Token).ConfigureAwait(false);
                if (!plan.Record(endorser, response))
                {
                    GatewayLog.EndorserFailed(logger, endorser.Address, endorser.MspId, plan.Errors[^1].Message);
                }
            }
            catch (RpcException e)
            {
                plan.Fail(endorser, EndorserOutcome.Of(e).Message);
                GatewayLog.EndorserFailed(logger, endorser.Address, endorser.MspId, e.Status.Detail);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                plan.Fail(endorser, "endorsement timeout expired");
                GatewayLog.EndorserFailed(logger, endorser.Address, endorser.MspId, "endorsement timeout expired");
            }
        }

        return true;
    }
}
