using Fabricish.Channels.Msp;
using Fabricish.Cli.Connection;
using Fabricish.Client;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Grpc.Net.Client;

namespace Fabricish.Cli.Lifecycle;

/// <summary><c>_lifecycle</c> calls sent straight to one peer's Endorser service, as Fabric's peer CLI sends install and
/// queryinstalled (channel-less) and queryapproved (on a channel: only the organization's own peers hold its approvals),
/// signed by the identity, usually the organization's admin.</summary>
internal static class LifecyclePeer
{
    public const string Lifecycle = "_lifecycle";

    /// <returns>The chaincode's payload, or no payload and the error (unreachable peer, refused identity, or
    /// _lifecycle's non-200 answer as Fabric reports it).</returns>
    public static async Task<(byte[]? Payload, string? Error)> CallAsync(
        ConnectionResolver resolver,
        string function,
        IMessage arguments,
        TextWriter progress,
        CancellationToken cancellationToken,
        string channelId = "")
    {
        if (resolver.ResolvePeerAndIdentity(out string? error) is not ({ } peer, { } identity))
        {
            return (null, error);
        }

        using SigningIdentity owned = identity;

        using GrpcChannel channel = peer.CreateChannel();
        var endorser = new PeerEndorser(channel, Identity.FromSigningIdentity(identity), Signers.NewPrivateKeySigner(identity.Key), timeout: TimeSpan.FromMinutes(5));
        await progress.WriteLineAsync($"Sending {function} to {peer} as {identity.MspId}...").ConfigureAwait(false);
        ProposalResponse response;
        try
        {
            response = await endorser.ProcessProposalAsync(channelId, Lifecycle, function, new ProposalOptions { Arguments = [arguments.ToByteArray()] }, cancellationToken).ConfigureAwait(false);
        }
        catch (EndorseException e)
        {
            return (null, e.StatusCode == Grpc.Core.StatusCode.Unavailable
                ? $"cannot reach the peer at {peer} — is it running, and is the address (--peerAddresses, CORE_PEER_ADDRESS or the connection profile) right? ({e.Message})"
                : $"the peer at {peer} refused the proposal: {e.Message}");
        }

        Response? answer = response.Response;
        if (answer is null || answer.Status != 200)
        {
            return (null, $"{function} failed with status: {answer?.Status ?? 0} - {answer?.Message}");
        }

        return (answer.Payload.ToByteArray(), null);
    }
}
