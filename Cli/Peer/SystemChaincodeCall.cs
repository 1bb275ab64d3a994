using Fabricish.Channels.Msp;
using Fabricish.Cli.Connection;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace Fabricish.Cli.Peer;

/// <summary>One call of a system chaincode (cscc, qscc) on the peer the connection options name, through its
/// <c>protos.Endorser/ProcessProposal</c> as Fabric's peer CLI makes it.</summary>
internal static class SystemChaincodeCall
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    /// <returns>The chaincode's answer, or null with the error: the peer unreachable, the identity
    /// unusable, or the gRPC failure.</returns>
    public static async Task<(Response? Response, string? Error)> CallAsync(
        ConnectionResolver resolver, HeaderType type, string chaincode, IReadOnlyList<ByteString> args, CancellationToken cancellationToken)
    {
        if (resolver.ResolvePeerAndIdentity(out string? error) is not ({ } peer, { } identity))
        {
            return (null, error);
        }

        using SigningIdentity owned = identity;

        using GrpcChannel channel = peer.CreateChannel();
        var endorser = new Protos.Peer.Endorser.EndorserClient(channel);
        SignedProposal signed = SystemChaincodeProposal.Create(identity, type, chaincode, args, DateTimeOffset.UtcNow);
        try
        {
            ProposalResponse response = await endorser.ProcessProposalAsync(signed, deadline: DateTime.UtcNow + Timeout, cancellationToken: cancellationToken).ConfigureAwait(false);
            return (response.Response ?? new Response(), null);
        }
        catch (RpcException e)
        {
            return (null, e.StatusCode == StatusCode.Unavailable
                ? $"cannot reach the peer at {peer} — is it running, and is the address (--peerAddresses, CORE_PEER_ADDRESS or the connection profile) right? ({e.Status.Detail})"
                : $"the peer at {peer} failed the proposal: {e.Status.StatusCode}: {e.Status.Detail}");
        }
    }
}
