using System.Security.Cryptography;
using Fabricish.Channels.Policies;
using Fabricish.Peer.Channels;
using Fabricish.Protos.Discovery;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using DiscoveredPeer = Fabricish.Protos.Discovery.Peer;

namespace Fabricish.Peer.Discovery;

/// <summary>
/// Fabric's <c>discovery.Discovery/Discover</c> (discovery/service.go). The request must parse and name a client
/// identity (and, when the peer serves TLS, the hash of the client's TLS certificate); otherwise the call fails as
/// Fabric's does. Each query is then answered in order: a query for a channel this peer has not joined, or by a
/// requester not eligible (<see cref="DiscoveryAccess"/>, through <see cref="DiscoveryAuthCache"/>), gets Fabric's
/// "access denied"; channel queries are config, peer membership and endorsers; the only channel-less query is the
/// local peers query. The TLS binding (the claimed hash against the session's client certificate) is checked when
/// the peer requires client certificates or the client presented one: a TLS listener without client authentication
/// does not ask for certificates, where Fabric's asks for an optional one.
/// </summary>
internal sealed class DiscoveryService(
    IPeerChannels channels,
    DiscoveryAuthCache auth,
    LocalPeer local,
    ChannelMembership membership,
    DiscoveryEndorsers endorsers,
    DiscoveryTls tls,
    ILogger<DiscoveryService> logger) : Protos.Discovery.Discovery.DiscoveryBase
{
    public const string AccessDenied = "access denied";

    public override async Task<Response> Discover(SignedRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        Request parsed = Validate(request, context);
        var response = new Response();
        foreach (Query query in parsed.Queries)
        {
            response.Results.Add(await AnswerAsync(query, request, parsed.Authentication.ClientIdentity, context).ConfigureAwait(false));
        }

        return response;
    }

    private Request Validate(SignedRequest request, ServerCallContext context)
    {
        Request parsed;
        try
        {
            parsed = Request.Parser.ParseFrom(request.Payload);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw Malformed(context, $"failed parsing request: {e.Message}");
        }

        if (parsed.Authentication is null)
        {
            throw Malformed(context, "access denied, no authentication info in request");
        }

        if (parsed.Authentication.ClientIdentity.IsEmpty)
        {
            throw Malformed(context, "access denied, client identity wasn't supplied");
        }

        byte[]? certificate = context.GetHttpContext().Connection.ClientCertificate?.RawData;
        if (tls == DiscoveryTls.MutualTls || (tls == DiscoveryTls.ServerTls && certificate is not null))
        {
            if (certificate is null)
            {
                throw Malformed(context, "client didn't send a TLS certificate");
            }

            if (!SHA256.HashData(certificate).AsSpan().SequenceEqual(parsed.Authentication.ClientTlsCertHash.Span))
            {
                throw Malformed(context, "client claimed TLS hash doesn't match computed TLS hash from gRPC stream");
            }
        }

        return parsed;
    }

    private RpcException Malformed(ServerCallContext context, string message)
    {
        DiscoveryLog.Malformed(logger, context.Peer, message);
        return DiscoveryErrors.Malformed(message);
    }

    private async Task<QueryResult> AnswerAsync(Query query, SignedRequest request, ByteString identity, ServerCallContext context)
    {
        if (query.Channel.Length > 0 && !channels.TryGet(query.Channel, out _))
        {
            DiscoveryLog.Refused(logger, query.Channel, context.Peer, "the channel is not joined");
            return Error(AccessDenied);
        }

        if (auth.Eligible(query.Channel, new SignedData(request.Payload.Memory, identity.Memory, request.Signature.Memory)) is { } denied)
        {
            DiscoveryLog.Refused(logger, query.Channel, context.Peer, denied);
            return Error(AccessDenied);
        }

        return (query.Channel.Length == 0, query.QueryCase) switch
        {
            (true, Query.QueryOneofCase.LocalPeers) => Members(LocalMembers()),
            (false, Query.QueryOneofCase.ConfigQuery) => Config(query.Channel),
            (false, Query.QueryOneofCase.PeerQuery) => await MembersAsync(query.Channel, query.PeerQuery.Filter, context.CancellationToken).ConfigureAwait(false),
            (false, Query.QueryOneofCase.CcQuery) => await EndorsersAsync(query.Channel, query.CcQuery, context.CancellationToken).ConfigureAwait(false),
            _ => Error("unknown or missing request type"),
        };
    }

    private QueryResult Config(string channelId) => channels.TryGet(channelId, out IPeerLedger? ledger)
        ? new QueryResult { ConfigResult = DiscoveryConfig.For(ledger.Config) }
        : Error($"failed fetching config for channel {channelId}");

    /// <summary>The channel's live peers that run every chaincode of <paramref name="filter"/> (all live peers
    /// without one), grouped by organisation; every application organisation appears, possibly with no peers.</summary>
    private async Task<QueryResult> MembersAsync(string channelId, Protos.Peer.ChaincodeInterest? filter, CancellationToken cancellationToken)
    {
        if (!channels.TryGet(channelId, out IPeerLedger? ledger))
        {
            return Error($"failed fetching config for channel {channelId}");
        }

        IReadOnlyList<ChannelPeer> peers = await PeersOfChannelAsync(channelId, cancellationToken).ConfigureAwait(false);
        string[] chaincodes = [.. filter?.Chaincodes.Select(c => c.Name) ?? []];
        var byOrg = new Dictionary<string, Peers>(StringComparer.Ordinal);
        foreach (var org in ledger.Config.Application?.Organizations ?? [])
        {
            byOrg[org.MspId] = new Peers();
        }

        foreach (ChannelPeer peer in peers.Where(p => p.Runs(chaincodes)))
        {
            if (!byOrg.TryGetValue(peer.MspId, out Peers? orgPeers))
            {
                orgPeers = new Peers();
                byOrg[peer.MspId] = orgPeers;
            }

            orgPeers.Peers_.Add(peer.Peer);
        }

        return Members(byOrg);
    }

    private Dictionary<string, Peers> LocalMembers()
    {
        var byOrg = new Dictionary<string, Peers>(StringComparer.Ordinal) { [local.MspId] = new Peers { Peers_ = { local.Alive() } } };
        foreach (KnownPeer known in membership.AliveAnywhere())
        {
            if (!byOrg.TryGetValue(known.MspId, out Peers? orgPeers))
            {
                orgPeers = new Peers();
                byOrg[known.MspId] = orgPeers;
            }

            orgPeers.Peers_.Add(new DiscoveredPeer { Identity = known.Peer.Identity, MembershipInfo = known.Peer.MembershipInfo });
        }

        return byOrg;
    }

    private async Task<QueryResult> EndorsersAsync(string channelId, ChaincodeQuery query, CancellationToken cancellationToken)
    {
        if (Invalid(query) is { } invalid)
        {
            return Error(invalid);
        }

        if (!channels.TryGet(channelId, out IPeerLedger? ledger))
        {
            return Error($"failed fetching config for channel {channelId}");
        }

        IReadOnlyList<ChannelPeer> peers = await PeersOfChannelAsync(channelId, cancellationToken).ConfigureAwait(false);
        var result = new ChaincodeQueryResult();
        foreach (Protos.Peer.ChaincodeInterest interest in query.Interests)
        {
            (EndorsementDescriptor? descriptor, string? error) = await endorsers.DescribeAsync(interest, ledger.Config, peers, cancellationToken).ConfigureAwait(false);
            if (descriptor is null)
            {
                DiscoveryLog.NoDescriptor(logger, DiscoveryEndorsers.Describe(interest), channelId, error ?? "unknown");
                return Error($"failed constructing descriptor for {DiscoveryEndorsers.Describe(interest)}");
            }

            result.Content.Add(descriptor);
        }

        return new QueryResult { CcQueryRes = result };
    }

    /// <summary>Fabric's validateCCQuery messages.</summary>
    private static string? Invalid(ChaincodeQuery query)
    {
        if (query.Interests.Count == 0)
        {
            return "chaincode query must have at least one chaincode interest";
        }

        foreach (Protos.Peer.ChaincodeInterest interest in query.Interests)
        {
            if (interest is null)
            {
                return "chaincode interest is nil";
            }

            if (interest.Chaincodes.Count == 0)
            {
                return "chaincode interest must contain at least one chaincode";
            }

            if (interest.Chaincodes.Any(c => c.Name.Length == 0))
            {
                return "chaincode name in interest cannot be empty";
            }
        }

        return null;
    }

    private async Task<IReadOnlyList<ChannelPeer>> PeersOfChannelAsync(string channelId, CancellationToken cancellationToken)
    {
        var peers = new List<ChannelPeer>();
        if (await local.OnChannelAsync(channelId, cancellationToken).ConfigureAwait(false) is { } self)
        {
            peers.Add(ChannelPeer.Of(local.MspId, self));
        }

        peers.AddRange(membership.Alive(channelId).Select(k => ChannelPeer.Of(k.MspId, k.Peer)));
        return peers;
    }

    private static QueryResult Members(Dictionary<string, Peers> byOrg)
    {
        var members = new PeerMembershipResult();
        members.PeersByOrg.Add(byOrg);
        return new QueryResult { Members = members };
    }

    private static QueryResult Error(string content) => new() { Error = new Error { Content = content } };
}
