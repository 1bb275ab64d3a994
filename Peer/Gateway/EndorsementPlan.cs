using Fabricish.Channels.Config;
using Fabricish.Protos.Gateway;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Grpc.Core;

namespace Fabricish.Peer.Gateway;

/// <summary>
/// The state of one Endorse call (Fabric's gateway <c>plan</c>): the layouts still in play, each organisation's
/// endorsers and which of them were asked, the endorsements collected so far and the errors met. The first successful
/// response fixes the proposal response payload; a later one that differs is a mismatch, recorded against both peers.
/// Safe for the parallel requests of one layout.
/// </summary>
internal sealed class EndorsementPlan(
    IReadOnlyList<EndorsementLayout> layouts,
    IReadOnlyDictionary<string, IReadOnlyList<IGatewayEndorser>> endorsersByOrg,
    ChannelConfig config)
{
    private readonly Lock _gate = new();
    private readonly HashSet<IGatewayEndorser> _asked = [];
    private readonly Dictionary<string, List<Endorsement>> _endorsed = new(StringComparer.Ordinal);
    private readonly List<ErrorDetail> _errors = [];
    private IGatewayEndorser? _first;

    public IReadOnlyList<EndorsementLayout> Layouts { get; private set; } = layouts;

    /// <summary>The ChaincodeInterest of the first successful response: what the further endorsers must cover.</summary>
    public ChaincodeInterest? Interest { get; private set; }

    /// <summary>Replaces the layouts (in order of preference) with those planned from the first response's interest;
    /// the endorsements collected so far still count towards them.</summary>
    public void Replan(IReadOnlyList<EndorsementLayout> layouts) => Layouts = layouts;

    public ByteString? ResponsePayload { get; private set; }

    /// <summary>Why two peers' results differ, once that happened.</summary>
    public string? Mismatch { get; private set; }

    public IReadOnlyList<ErrorDetail> Errors
    {
        get
        {
            lock (_gate)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>The next peer of <paramref name="mspId"/> not asked yet, marked as asked; null when none is left.</summary>
    public IGatewayEndorser? NextPeer(string mspId)
    {
        lock (_gate)
        {
            IGatewayEndorser? next = endorsersByOrg.GetValueOrDefault(mspId)?.FirstOrDefault(e => !_asked.Contains(e));
            if (next is not null)
            {
                _asked.Add(next);
            }

            return next;
        }
    }

    public int Endorsed(string mspId)
    {
        lock (_gate)
        {
            return _endorsed.GetValueOrDefault(mspId)?.Count ?? 0;
        }
    }

    /// <summary>Whether the organisation can still reach <paramref name="quantity"/> endorsements.</summary>
    public bool CanReach(string mspId, int quantity)
    {
        lock (_gate)
        {
            int left = endorsersByOrg.GetValueOrDefault(mspId)?.Count(e => !_asked.Contains(e)) ?? 0;
            return (_endorsed.GetValueOrDefault(mspId)?.Count ?? 0) + left >= quantity;
        }
    }

    public bool IsSatisfied(EndorsementLayout layout) => layout.Quantities.All(q => Endorsed(q.Key) >= q.Value);

    /// <summary>The endorsements a completed layout puts into the transaction.</summary>
    public IReadOnlyList<Endorsement> EndorsementsFor(EndorsementLayout layout)
    {
        lock (_gate)
        {
            // Once per transaction on the gateway: loops, not LINQ's enumerators and closures.
            var endorsements = new List<Endorsement>();
            foreach ((string mspId, int quantity) in layout.Quantities)
            {
                List<Endorsement> endorsed = _endorsed[mspId];
                for (int i = 0; i < quantity && i < endorsed.Count; i++)
                {
                    endorsements.Add(endorsed[i]);
                }
            }

            return endorsements;
        }
    }

    /// <summary>Records a peer's answer; true when it yielded a usable endorsement.</summary>
    public bool Record(IGatewayEndorser endorser, ProposalResponse response)
    {
        ArgumentNullException.ThrowIfNull(endorser);
        ArgumentNullException.ThrowIfNull(response);
        EndorserOutcome outcome = EndorserOutcome.Of(response);
        if (!outcome.Succeeded)
        {
            Fail(endorser, outcome.Message);
            return false;
        }

        if (!endorser.IsLocal && EndorsementCheck.Verify(response, endorser.MspId, config) is { } unusable)
        {
            Fail(endorser, unusable);
            return false;
        }

        lock (_gate)
        {
            if (ResponsePayload is null)
            {
                ResponsePayload = response.Payload;
                Interest = response.Interest;
                _first = endorser;
            }
            else if (!ResponsePayload.Equals(response.Payload))
            {
                string mismatch = $"ProposalResponsePayloads do not match: peer {endorser.Address} ({endorser.MspId}) returned a different result than peer {_first!.Address} ({_first.MspId})";
                Mismatch ??= mismatch;
                _errors.Add(GatewayErrors.Detail(endorser.Address, endorser.MspId, mismatch));
                return false;
            }

            if (!_endorsed.TryGetValue(endorser.MspId, out List<Endorsement>? endorsements))
            {
                endorsements = [];
                _endorsed[endorser.MspId] = endorsements;
            }

            endorsements.Add(response.Endorsement);
            return true;
        }
    }

    public void Fail(IGatewayEndorser endorser, string message)
    {
        ArgumentNullException.ThrowIfNull(endorser);
        lock (_gate)
        {
            _errors.Add(GatewayErrors.Detail(endorser.Address, endorser.MspId, message));
        }
    }

    /// <summary>Fabric's error when endorsement could not complete, with every peer's answer attached.</summary>
    public RpcException Failed(string message) => GatewayErrors.EndorsementFailed(message, Mismatch, Errors);
}
