using Fabricish.Peer.Host;
using Fabricish.Protos.Peer;
using Grpc.Net.Client;

namespace Fabricish.Peer.Gateway;

/// <summary>Another peer's <c>protos.Endorser</c> over gRPC, with TLS as <see cref="PeerTlsClient"/> decides for the
/// address. The connection is opened on first use and re-established by the gRPC channel after failures.</summary>
internal sealed class RemoteEndorser : IGatewayEndorser, IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly Protos.Peer.Endorser.EndorserClient _client;
    private readonly TimeSpan _timeout;

    public RemoteEndorser(string mspId, string address, TimeSpan timeout, PeerTlsClient connections)
    {
        MspId = mspId;
        Address = address;
        _timeout = timeout;
        _channel = connections.Connect(address);
        _client = new Protos.Peer.Endorser.EndorserClient(_channel);
    }

    public string Address { get; }

    public string MspId { get; }

    public bool IsLocal => false;

    /// <summary>A remote peer always checks the Writers policy: Evaluate's lighter Readers check is only for the
    /// gateway's own peer, as in Fabric.</summary>
    public async Task<ProposalResponse> ProcessProposalAsync(SignedProposal proposal, bool evaluate, CancellationToken cancellationToken) =>
        await _client.ProcessProposalAsync(proposal, deadline: DateTime.UtcNow + _timeout, cancellationToken: cancellationToken).ConfigureAwait(false);

    public void Dispose() => _channel.Dispose();
}
