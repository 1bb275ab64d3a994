using Fabricish.Protos.Gateway;
using Fabricish.Protos.Peer;
using Grpc.Core;

namespace Fabricish.Client;

/// <summary>Proposals sent straight to one peer's Endorser service (<c>/protos.Endorser/ProcessProposal</c>) rather
/// than through the gateway: what Fabric's peer CLI does for channel-less system chaincode calls such as
/// <c>_lifecycle</c> InstallChaincode. The chaincode's answer (status, message, payload) comes back as a value.</summary>
public sealed class PeerEndorser
{
    private readonly Endorser.EndorserClient _client;
    private readonly SigningContext _signing;
    private readonly TimeSpan? _timeout;

    public PeerEndorser(ChannelBase channel, Identity identity, Signer signer, Hash? hash = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(signer);
        _client = new Endorser.EndorserClient(channel);
        _signing = new SigningContext(identity, signer, hash ?? Hashes.Sha256);
        _timeout = timeout;
    }

    /// <summary>Signs and sends a proposal; <paramref name="channelId"/> is empty for channel-less calls. Throws
    /// <see cref="EndorseException"/> only when the peer cannot be reached or refuses the proposal at the gRPC level.</summary>
    public async Task<ProposalResponse> ProcessProposalAsync(
        string channelId,
        string chaincodeName,
        string function,
        ProposalOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channelId);
        ArgumentException.ThrowIfNullOrEmpty(chaincodeName);
        ArgumentException.ThrowIfNullOrEmpty(function);
        ProposedTransaction proposed = ProposalBuilder.Build(_signing, channelId, chaincodeName, function, options ?? new ProposalOptions());
        SignedProposal signed = proposed.Proposal;
        signed.Signature = _signing.Sign(signed.ProposalBytes);
        try
        {
            var call = new CallOptions(deadline: _timeout is { } t ? DateTime.UtcNow + t : null, cancellationToken: cancellationToken);
            return await _client.ProcessProposalAsync(signed, call).ConfigureAwait(false);
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            var details = GatewayErrors.Details(e);
            throw new EndorseException(proposed.TransactionId, GatewayErrors.Message(e, details), e.StatusCode, details, e);
        }
    }
}
