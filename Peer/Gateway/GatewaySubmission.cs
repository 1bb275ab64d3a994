using Fabricish.Channels.Config;
using Fabricish.Channels.Msp;
using Fabricish.Ledger;
using Fabricish.Peer.Channels;
using Fabricish.Peer.DeliverClient;
using Fabricish.Protos.Common;
using Fabricish.Protos.Gateway;
using Google.Protobuf;

namespace Fabricish.Peer.Gateway;

/// <summary>
/// The gateway's Submit: the prepared transaction must be the client's, that is signed by the creator named in its
/// header (the proposal's creator), who must be a valid member of the channel; then it goes to the channel's orderers
/// (the configuration's endpoints, or <c>Peer:OrdererEndpoints</c>) with failover. Returns when an orderer accepted it.
/// </summary>
internal sealed class GatewaySubmission(IPeerChannels channels, OrdererBroadcaster broadcaster, IReadOnlyList<string> ordererOverrides)
{
    public async Task SubmitAsync(SubmitRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Envelope transaction = request.PreparedTransaction
            ?? throw GatewayErrors.PreparedTransactionMissing();
        if (transaction.Signature.IsEmpty)
        {
            throw GatewayErrors.PreparedTransactionUnsigned();
        }

        if (!channels.TryGet(request.ChannelId, out IPeerLedger? ledger))
        {
            throw GatewayErrors.ChannelNotFound(request.ChannelId);
        }

        ChannelConfig config = ledger.Config;
        (ChannelHeader channelHeader, SignatureHeader signatureHeader) = Headers(transaction);
        if (channelHeader.ChannelId != request.ChannelId)
        {
            throw GatewayErrors.PreparedTransactionChannelMismatch(channelHeader.ChannelId, request.ChannelId);
        }

        if (request.TransactionId.Length > 0 && channelHeader.TxId != request.TransactionId)
        {
            throw GatewayErrors.PreparedTransactionTxIdMismatch(channelHeader.TxId, request.TransactionId);
        }

        IdentityResult creator = config.Msps.Deserialize(signatureHeader.Creator.Span);
        if (creator.Identity is not { } identity)
        {
            throw GatewayErrors.CreatorNotMember(channelHeader.TxId, request.ChannelId, creator.Error);
        }

        if (!identity.Verify(transaction.Payload.Span, transaction.Signature.Span))
        {
            throw GatewayErrors.SignatureNotCreators(channelHeader.TxId, identity.MspId);
        }

        // Fabric's gateway would order it again and the committer mark the copy DUPLICATE_TXID, where no client
        // looks: CommitStatus answers the first occurrence. Transactions in flight can still race to the orderer.
        if (ledger.Blocks.TryGetTxLocation(channelHeader.TxId, out TxLocation committed))
        {
            throw GatewayErrors.AlreadyCommitted(channelHeader.TxId, request.ChannelId, committed.BlockNumber);
        }

        await broadcaster.BroadcastAsync(Orderers(config), transaction, channelHeader.TxId, cancellationToken).ConfigureAwait(false);
    }

    private IReadOnlyList<(string Address, string MspId)> Orderers(ChannelConfig config)
    {
        IReadOnlyList<string> endpoints = OrdererEndpoints.For(config, ordererOverrides);
        return [.. endpoints.Select(address => (address, config.Orderer.Organizations.FirstOrDefault(o => o.Endpoints.Contains(address))?.MspId ?? string.Empty))];
    }

    private static (ChannelHeader Channel, SignatureHeader Signature) Headers(Envelope transaction)
    {
        try
        {
            Payload payload = Payload.Parser.ParseFrom(transaction.Payload);
            if (payload.Header is null)
            {
                throw GatewayErrors.PreparedTransactionNoHeader();
            }

            return (ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader), SignatureHeader.Parser.ParseFrom(payload.Header.SignatureHeader));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw GatewayErrors.PreparedTransactionMalformed(e.Message);
        }
    }
}
