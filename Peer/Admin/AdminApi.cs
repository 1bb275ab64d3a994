using Fabricish.Hosting.Http;
using Fabricish.Peer.Channels;
using Fabricish.Peer.Host;
using Fabricish.Peer.SystemChaincode;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fabricish.Peer.Admin;

/// <summary>
/// The peer's admin API on the operations endpoint (what Fabric does through cscc over ProcessProposal):
/// <list type="bullet">
/// <item><c>POST /peer/v1/channels</c>, body a <c>SignedProposal</c> (application/octet-stream) invoking
/// <c>cscc JoinChain</c> with the genesis block, signed by an admin of the peer's MSP: 201 with the channel, 400 for a
/// malformed request or block, 403 for a signer that is not an admin, 409 when already joined, 503 when CouchDB is
/// down.</item>
/// <item><c>GET /peer/v1/channels</c> and <c>GET /peer/v1/channels/{name}</c>: joined channels with height and
/// status (no signature: the operations endpoint is meant for the operator's network only, like /metrics);
/// <c>GET /peer/v1/channels/{name}/info</c>: height and newest block hashes (<c>peer channel getinfo</c>).</item>
/// </list>
/// Failures answer <c>{"error": "..."}</c> as the orderer's participation API does.
/// </summary>
internal static class AdminApi
{
    public const string ChannelsPath = "/peer/v1/channels";

    public static IEndpointRouteBuilder MapPeerAdmin(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost(ChannelsPath, JoinAsync);
        endpoints.MapGet(ChannelsPath, (PeerChannels channels) => Results.Ok(List(channels)));
        endpoints.MapGet(ChannelsPath + "/{name}", (string name, PeerChannels channels) =>
            List(channels).Channels.FirstOrDefault(c => c.Name == name) is { } info
                ? Results.Ok(info)
                : Results.NotFound(new ErrorResponse($"channel {name} is not joined")));
        endpoints.MapGet(ChannelsPath + "/{name}/info", (string name, PeerChannels channels) =>
            channels.Channels.FirstOrDefault(c => c.ChannelId == name)?.Blocks.GetBlockchainInfo() is { } info
                ? Results.Ok(new PeerBlockchainInfo(info.Height, Convert.ToBase64String(info.CurrentBlockHash.Span), Convert.ToBase64String(info.PreviousBlockHash.Span)))
                : Results.NotFound(new ErrorResponse($"channel {name} is not joined")));
        return endpoints;
    }

    public static PeerChannelList List(PeerChannels channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var list = channels.Channels.Select(c =>
        {
            string?[] problems = [c.Health.StateDatabaseProblem, c.Health.BlockProblem, c.Health.DeliverProblem];
            return new PeerChannelInfo(c.ChannelId, c.Height, c.Health.IsHealthy ? "active" : "failing", [.. problems.OfType<string>()]);
        }).ToList();
        list.AddRange(channels.Opening.Select(o => new PeerChannelInfo(o.Key, 0, "opening", [o.Value])));
        return new PeerChannelList([.. list.OrderBy(c => c.Name, StringComparer.Ordinal)]);
    }

    private static async Task<IResult> JoinAsync(
        HttpRequest request, ChannelJoiner joiner, IOptions<PeerOptions> options, TimeProvider time, ILogger<PeerChannels> logger, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken).ConfigureAwait(false);
        AdminRequest verified = AdminProposal.Verify(body.GetBuffer().AsSpan(0, (int)body.Length), AdminProposal.JoinChain, time.GetUtcNow(), options.Value.AdminRequestTimeWindow);
        if (!verified.IsAccepted)
        {
            return Refuse(logger, verified.StatusCode, verified.Error!);
        }

        if (verified.Arguments.Count != 1)
        {
            return Refuse(logger, StatusCodes.Status400BadRequest, $"JoinChain takes one argument, the genesis block; got {verified.Arguments.Count}");
        }

        JoinChainOutcome joined = await joiner.JoinAsync(verified.Arguments[0], verified.Proposal!, verified.Creator, cancellationToken).ConfigureAwait(false);
        return joined.Channel is { } channel
            ? Results.Created($"{ChannelsPath}/{channel.ChannelId}", new PeerChannelInfo(channel.ChannelId, channel.Height, "active", []))
            : Results.Json(new ErrorResponse(joined.Response.Message), statusCode: joined.HttpStatus);
    }

    private static IResult Refuse(ILogger logger, int status, string error)
    {
        PeerLog.JoinRefused(logger, error);
        return Results.Json(new ErrorResponse(error), statusCode: status);
    }
}
