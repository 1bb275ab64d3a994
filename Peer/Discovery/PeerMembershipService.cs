using Fabricish.Channels.Policies;
using Fabricish.Peer.Channels;
using Fabricish.Protos.Discovery;
using Google.Protobuf;
using Grpc.Core;

namespace Fabricish.Peer.Discovery;

/// <summary>Answers other peers' membership probes (<see cref="ChannelMembership"/>) with this peer's signed alive and
/// state-info envelopes for a channel, to askers that satisfy the channel's <c>/Channel/Application/Readers</c> with
/// the signature over their question (peers of the channel's organisations do).</summary>
internal sealed class PeerMembershipService(IPeerChannels channels, LocalPeer local) : PeerMembership.PeerMembershipBase
{
    public override async Task<AliveAnswer> Alive(SignedAliveQuery request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        AliveQuery query;
        try
        {
            query = AliveQuery.Parser.ParseFrom(request.Payload);
        }
        catch (InvalidProtocolBufferException e)
        {
            return new AliveAnswer { Error = $"failed parsing the alive query: {e.Message}" };
        }

        if (!channels.TryGet(query.Channel, out IPeerLedger? ledger))
        {
            return new AliveAnswer { Error = $"channel {query.Channel} is not joined" };
        }

        PolicyResult readers = ledger.Config.Policies.GetPolicy(PolicyManager.ApplicationReaders).Evaluate(
            [new SignedData(request.Payload.Memory, query.Identity.Memory, request.Signature.Memory)]);
        if (!readers.Satisfied)
        {
            return new AliveAnswer { Error = $"access denied: {readers.Reason}" };
        }

        return await local.OnChannelAsync(query.Channel, context.CancellationToken).ConfigureAwait(false) is { } peer
            ? new AliveAnswer { Peer = peer }
            : new AliveAnswer { Error = $"channel {query.Channel} is not joined" };
    }
}
