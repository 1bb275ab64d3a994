using Fabricish.Protos.Gateway;
using Google.Protobuf;

namespace Fabricish.Client;

/// <summary>A transaction proposal, as fabric-gateway's <c>Proposal</c>: evaluate it, or endorse it to get a
/// <see cref="Transaction"/> ready to submit. Signed by the gateway's signer on first use.</summary>
public sealed class Proposal
{
    private readonly GatewayConnection _connection;
    private readonly string _channelId;
    private readonly ProposedTransaction _proposed;

    internal Proposal(GatewayConnection connection, string channelId, ProposedTransaction proposed)
    {
        _connection = connection;
        _channelId = channelId;
        _proposed = proposed;
    }

    public string TransactionId => _proposed.TransactionId;

    /// <summary>The serialised <c>gateway.ProposedTransaction</c>.</summary>
    public byte[] GetBytes() => _proposed.ToByteArray();

    /// <summary>Runs the proposal on a peer without ordering it; returns the transaction function's result.</summary>
    public async Task<byte[]> EvaluateAsync(CancellationToken cancellationToken = default)
    {
        var request = new EvaluateRequest { TransactionId = TransactionId, ChannelId = _channelId, ProposedTransaction = Signed() };
        request.TargetOrganizations.AddRange(_proposed.EndorsingOrganizations);
        EvaluateResponse response = await _connection.EvaluateAsync(request, cancellationToken).ConfigureAwait(false);
        return response.Result?.Payload.ToByteArray() ?? [];
    }

    /// <summary>Collects endorsements enough for the endorsement policy; the gateway chooses the peers unless the
    /// proposal names endorsing organisations.</summary>
    public async Task<Transaction> EndorseAsync(CancellationToken cancellationToken = default)
    {
        var request = new EndorseRequest { TransactionId = TransactionId, ChannelId = _channelId, ProposedTransaction = Signed() };
        request.EndorsingOrganizations.AddRange(_proposed.EndorsingOrganizations);
        EndorseResponse response = await _connection.EndorseAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.PreparedTransaction is null)
        {
            throw new EndorseException(TransactionId, "the gateway's endorse response holds no prepared transaction", Grpc.Core.StatusCode.Internal, [], null);
        }

        return new Transaction(_connection, _channelId, TransactionId, response.PreparedTransaction);
    }

    private Protos.Peer.SignedProposal Signed()
    {
        if (_proposed.Proposal.Signature.IsEmpty)
        {
            _proposed.Proposal.Signature = _connection.Signing.Sign(_proposed.Proposal.ProposalBytes);
        }

        return _proposed.Proposal;
    }
}
