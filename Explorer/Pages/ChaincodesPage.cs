using Fabricish.Explorer.Ledger;
using Fabricish.Explorer.Web;
using Fabricish.Protos.Peer.Lifecycle;
using Microsoft.AspNetCore.Http;

namespace Fabricish.Explorer.Pages;

/// <summary><c>/channels/{channel}/chaincodes</c>: the committed chaincode definitions (Fabric's
/// <c>querycommitted</c>, evaluated on <c>_lifecycle</c> through the gateway): version, sequence, endorsement policy as
/// the DSL, and which organizations approved the committed definition.</summary>
public static class ChaincodesPage
{
    public static async Task<IResult> RenderAsync(ChannelIndex index, ExplorerConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(connection);
        byte[] all = await connection.QueryLifecycleAsync(index.ChannelId, "QueryChaincodeDefinitions", new QueryChaincodeDefinitionsArgs(), cancellationToken).ConfigureAwait(false);
        var definitions = QueryChaincodeDefinitionsResult.Parser.ParseFrom(all).ChaincodeDefinitions.OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
        var rows = new List<IReadOnlyList<string>>();
        foreach (QueryChaincodeDefinitionsResult.Types.ChaincodeDefinition definition in definitions)
        {
            byte[] one = await connection.QueryLifecycleAsync(index.ChannelId, "QueryChaincodeDefinition", new QueryChaincodeDefinitionArgs { Name = definition.Name }, cancellationToken).ConfigureAwait(false);
            QueryChaincodeDefinitionResult detail = QueryChaincodeDefinitionResult.Parser.ParseFrom(one);
            string approvals = string.Join(", ", detail.Approvals.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}: {(a.Value ? "approved" : "not approved")}"));
            rows.Add(
            [
                HtmlWriter.Encode(definition.Name),
                HtmlWriter.Encode(definition.Version),
                HtmlWriter.Format($"{definition.Sequence}"),
                $"<code>{HtmlWriter.Encode(PolicyText.OfEndorsement(definition.ValidationParameter))}</code>",
                HtmlWriter.Encode(approvals),
                HtmlWriter.Encode($"{definition.EndorsementPlugin} / {definition.ValidationPlugin}"),
                definition.InitRequired ? "yes" : "no",
            ]);
        }

        var html = new HtmlWriter();
        if (rows.Count == 0)
        {
            html.Element("p", "No chaincode definition is committed on this channel.", "muted");
        }

        html.Table(["Chaincode", "Version", "Sequence", "Endorsement policy", "Approvals", "Plugins", "Init required"], rows, "chaincodes");
        return Layout.Page($"Chaincodes of {index.ChannelId}", index.ChannelId, html);
    }
}
