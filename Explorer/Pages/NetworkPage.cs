using Fabricish.Channels.Config;
using Fabricish.Explorer.Ledger;
using Fabricish.Explorer.Web;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Fabricish.Explorer.Pages;

/// <summary><c>/</c>: the channels the explorer follows, the organizations of their configuration, and every peer and
/// orderer the connection profiles name with its height on each channel (its newest block through Deliver) or why it
/// did not answer.</summary>
public static class NetworkPage
{
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromSeconds(3);

    public static async Task<IResult> RenderAsync(ChannelIndexes indexes, ExplorerConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(indexes);
        ArgumentNullException.ThrowIfNull(connection);
        var html = new HtmlWriter();
        html.Element("h2", "Channels").Table(["Channel", "Height", "Followed", "Blocks kept"], indexes.All.Select(index => (IReadOnlyList<string>)
        [
            HtmlWriter.Link(Layout.ChannelPath(index.ChannelId), index.ChannelId),
            HtmlWriter.Encode(HtmlWriter.Format($"{index.Height}")),
            index.LastError is { } error ? $"<span class=\"error\">{HtmlWriter.Encode(error)}</span>" : index.CaughtUp ? "live" : "catching up",
            HtmlWriter.Encode(HtmlWriter.Format($"the newest {index.Capacity}")),
        ]));

        var organizations = new List<IReadOnlyList<string>>();
        foreach (ChannelIndex index in indexes.All)
        {
            try
            {
                (_, ChannelConfig config) = await ConfigReader.ReadAsync(connection, index.ChannelId, cancellationToken).ConfigureAwait(false);
                organizations.AddRange(config.Application?.Organizations.Select(o => Row(index.ChannelId, o.Name, o.MspId, "application",
                    string.Join(", ", o.AnchorPeers.Select(a => $"{a.Host}:{a.Port}")))) ?? []);
                organizations.AddRange(config.Orderer.Organizations.Select(o => Row(index.ChannelId, o.Name, o.MspId, "orderer", string.Join(", ", o.Endpoints))));
            }
            catch (Exception e) when (e is RpcException or DeliverRefusedException or InvalidOperationException)
            {
                organizations.Add(Row(index.ChannelId, "", "", "", $"configuration unreadable: {e.Message}"));
            }
        }

        html.Element("h2", "Organizations").Table(["Channel", "Organization", "MSP ID", "Kind", "Anchor peers / endpoints"], organizations);
        ProfileNode[] peers = [connection.Profile.Peer, .. connection.Profile.PeersBeside()];
        html.Element("h2", "Peers").Table(["Peer", "Address", "Channel", "Height", "Health"],
            await NodeRowsAsync(connection, indexes, peers, orderer: false, cancellationToken).ConfigureAwait(false));
        html.Element("h2", "Orderers").Table(["Orderer", "Address", "Channel", "Height", "Health"],
            await NodeRowsAsync(connection, indexes, connection.Profile.Orderers, orderer: true, cancellationToken).ConfigureAwait(false));
        html.Element("h2", "Reading as").Facts(
        [
            ("MSP ID", HtmlWriter.Encode(connection.Identity.MspId)),
            ("Subject", HtmlWriter.Encode(connection.Identity.Certificate.Subject)),
            ("Connection profile", HtmlWriter.Encode(connection.Profile.Path)),
            ("Through peer", HtmlWriter.Encode($"{connection.Profile.Peer.Name} ({connection.Profile.Peer.Url})")),
        ]);
        return Layout.Page("Network", null, html);
    }

    private static string[] Row(params string[] cells) => [.. cells.Select(HtmlWriter.Encode)];

    private static async Task<IEnumerable<IReadOnlyList<string>>> NodeRowsAsync(
        ExplorerConnection connection, ChannelIndexes indexes, IReadOnlyList<ProfileNode> nodes, bool orderer, CancellationToken cancellationToken)
    {
        var rows = nodes.SelectMany(node => indexes.All.Select(async index =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(NodeTimeout);
            string height, health;
            try
            {
                var newest = await DeliverReader.ReadOneAsync(connection.Node(node), orderer, connection.Identity, index.ChannelId, null, timeout.Token).ConfigureAwait(false);
                (height, health) = (HtmlWriter.Format($"{newest.Header.Number + 1}"), "<span class=\"code-valid\">serving</span>");
            }
            catch (Exception e) when (e is RpcException or DeliverRefusedException or OperationCanceledException or HttpRequestException)
            {
                string why = e is RpcException rpc ? $"{rpc.StatusCode}: {rpc.Status.Detail}" : e is OperationCanceledException ? "no answer in 3 s" : e.Message;
                (height, health) = ("", $"<span class=\"error\">{HtmlWriter.Encode(why)}</span>");
            }

            return (IReadOnlyList<string>)[HtmlWriter.Encode(node.Name), HtmlWriter.Encode(node.Url), HtmlWriter.Encode(index.ChannelId), HtmlWriter.Encode(height), health];
        }));
        return await Task.WhenAll(rows).ConfigureAwait(false);
    }
}
