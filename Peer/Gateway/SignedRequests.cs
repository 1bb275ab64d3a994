using Fabricish.Channels.Deliver;
using Fabricish.Channels.Policies;
using Fabricish.Peer.Channels;
using Google.Protobuf;

namespace Fabricish.Peer.Gateway;

/// <summary>The checks of CommitStatus and ChaincodeEvents requests (Fabric's gateway ACL checks for
/// <c>gateway/CommitStatus</c> and <c>gateway/ChaincodeEvents</c>): the request bytes parse, the channel is joined,
/// and the signature over the request bytes by the identity the request names satisfies the channel's
/// /Channel/Application/Readers policy, so nobody can ask in someone else's name.</summary>
internal static class SignedRequests
{
    public static T Parse<T>(ByteString request, MessageParser<T> parser, string what)
        where T : IMessage<T>
    {
        if (request.IsEmpty)
        {
            throw GatewayErrors.RequestMissing(what);
        }

        try
        {
            return parser.ParseFrom(request);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw GatewayErrors.RequestInvalid(what, e.Message);
        }
    }

    /// <returns>The channel's ledger once the requester may read it.</returns>
    public static IPeerLedger Authorize(IPeerChannels channels, string channelId, ByteString request, ByteString identity, ByteString signature)
    {
        ArgumentNullException.ThrowIfNull(channels);
        if (!channels.TryGet(channelId, out IPeerLedger? ledger))
        {
            throw GatewayErrors.ChannelNotFound(channelId);
        }

        var access = new ReadersAccess(() => ledger.Config, PolicyManager.ApplicationReaders, new SignedData(request.Memory, identity.Memory, signature.Memory));
        if (access.Evaluate() is { } denied)
        {
            throw GatewayErrors.NotChannelReader(channelId, denied);
        }

        return ledger;
    }
}
