using Fabricish.Channels.Config;
using Fabricish.Channels.PrivateData;
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
/// The first response's ChaincodeInterest then re-plans the rest as Fabric's planFromFirstEndorser asks discovery:
/// the layouts of its chaincode, collection and key-level policies (<see cref="InterestLayouts"/>), so a key guarded by
/// another organisation's policy is endorsed by that organisation; a collection read (or, with transient data, any
/// collection touched) may only be endorsed by its member organisations.
/// When the client names the endorsing organisations, exactly those are asked.
/// </summary>
internal sealed class GatewayEndorsement(
    IPeerChannels channels,
    EndorserDirectory directory,
    IEndorsementPolicyLookup policies,
    GatewayOptions options,
    ILogger logger,
    IGatewayCollections? collections = null)
{
    private readonly InterestLayouts _interestLayouts = new(policies, collections);

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

        // As Fabric's planFromFirstEndorser: the gateway's own organisation endorses first whenever it can.
        string firstOrg = request.EndorsingOrganizations.Count == 0 && endorsers.ContainsKey(directory.LocalMspId)
            ? directory.LocalMspId
            : plan.Layouts[0].Includes(directory.LocalMspId) ? directory.LocalMspId : plan.Layouts[0].Organizations.First();
        if (!await EndorseOnOrgAsync(plan, firstOrg, 1, proposal, cancellationToken).ConfigureAwait(false))
        {
            throw plan.Failed("failed to endorse transaction, see attached details for more info");
        }

        if (request.EndorsingOrganizations.Count == 0)
        {
            await PlanFromInterestAsync(plan, proposal, config, endorsers, firstOrg, cancellationToken).ConfigureAwait(false);
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

        // Transient data never leaves the gateway's organisation for the first endorsement (Fabric's transient
        // protection); further organisations are checked against the collections once the first response is in.
        string local = directory.LocalMspId;
        if (proposal.HasTransientData && !endorsers.ContainsKey(local))
        {
            throw GatewayErrors.NoLocalEndorsersForTransientData();
        }

        IEnumerable<EndorsementLayout> candidates = layouts.Select(l => l.Total == 0 ? EndorsementLayout.Of(local) : l);

        List<EndorsementLayout> reachable = [.. candidates
            .Where(l => l.Quantities.All(q => endorsers.TryGetValue(q.Key, out IReadOnlyList<IGatewayEndorser>? peers) && peers.Count >= q.Value))
            .OrderBy(l => l.Includes(local) ? 0 : 1)];
        if (reachable.Count == 0)
        {
            throw Unreachable(proposal, layouts, endorsers);
        }

        return new EndorsementPlan(reachable, endorsers, config);
    }

    /// <summary>Fabric's steps 3 to 5 of planFromFirstEndorser: the first response's interest (the chaincode alone
    /// when it names none) decides which layouts remain, those including the first endorser's organisation first. With
    /// transient data every collection touched counts as read, so its data goes to members only; when that is what
    /// leaves no layout, the error says so.</summary>
    private async Task PlanFromInterestAsync(
        EndorsementPlan plan, GatewayProposal proposal, ChannelConfig config,
        IReadOnlyDictionary<string, IReadOnlyList<IGatewayEndorser>> endorsers, string firstOrg, CancellationToken cancellationToken)
    {
        ChaincodeInterest original = plan.Interest is { Chaincodes.Count: > 0 } answered
            ? answered
            : new ChaincodeInterest { Chaincodes = { new ChaincodeCall { Name = proposal.ChaincodeName } } };
        ChaincodeInterest interest = original;
        var protectedNames = new List<string>();
        if (proposal.HasTransientData)
        {
            interest = original.Clone();
            foreach (ChaincodeCall call in interest.Chaincodes.Where(c => c.NoPrivateReads))
            {
                call.NoPrivateReads = false;
                protectedNames.AddRange(call.CollectionNames);
            }
        }

        (IReadOnlyList<EndorsementLayout>? layouts, string? error) = await FittingLayoutsAsync(interest, config, endorsers, cancellationToken).ConfigureAwait(false);
        if (layouts is null)
        {
            if (protectedNames.Count > 0 && (await FittingLayoutsAsync(original, config, endorsers, cancellationToken).ConfigureAwait(false)).Layouts is not null)
            {
                throw GatewayErrors.TransientDataOutsideCollections(protectedNames);
            }

            throw GatewayErrors.NoEndorsementPlan(error!);
        }

        // A layout needing nobody still gets the first endorsement, as the plan from the chaincode's policy does.
        plan.Replan([.. layouts.Select(l => l.Total == 0 ? EndorsementLayout.Of(firstOrg) : l).OrderBy(l => l.Includes(firstOrg) ? 0 : 1)]);
    }

    /// <summary>The interest's layouts that this gateway's known endorsers can fill; none gives discovery's reason.</summary>
    private async Task<(IReadOnlyList<EndorsementLayout>? Layouts, string? Error)> FittingLayoutsAsync(
        ChaincodeInterest interest, ChannelConfig config, IReadOnlyDictionary<string, IReadOnlyList<IGatewayEndorser>> endorsers, CancellationToken cancellationToken)
    {
        (InterestLayouts.Result? planned, string? error) = await _interestLayouts.ComputeAsync(interest, config, cancellationToken).ConfigureAwait(false);
        if (planned is null)
        {
            return (null, error);
        }

        IReadOnlyList<EndorsementLayout> fitting = planned.Fitting(org => endorsers.GetValueOrDefault(org)?.Count ?? 0);
        return fitting.Count > 0 ? (fitting, null) : (null, "no peer combination can satisfy the endorsement policy");
    }

    /// <summary>Names what is missing for the layout that lacks least, so the operator knows whose peers to add.</summary>
    private RpcException Unreachable(
        GatewayProposal proposal, IReadOnlyList<EndorsementLayout> layouts, IReadOnlyDictionary<string, IReadOnlyList<IGatewayEndorser>> endorsers)
    {
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
