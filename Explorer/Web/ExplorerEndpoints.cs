using Fabricish.Explorer.Ledger;
using Fabricish.Explorer.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Fabricish.Explorer.Web;

/// <summary>The explorer's routes. All are GET: the explorer never writes to the network.</summary>
public static class ExplorerEndpoints
{
    public static IEndpointRouteBuilder MapExplorer(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/static/{name}", StaticAssets.Serve);
        endpoints.MapGet("/", (HttpContext context, ChannelIndexes indexes, ExplorerConnection connection, ILogger<ChannelIndexes> logger) =>
            PageErrors.RenderAsync(context, "Network", null, logger, () => NetworkPage.RenderAsync(indexes, connection, context.RequestAborted)));
        endpoints.MapGet("/channels/{channel}", (string channel, ChannelIndexes indexes) =>
            indexes.Find(channel) is { } index ? ChannelPage.Render(index) : Unknown(channel));
        endpoints.MapGet("/channels/{channel}/events", (string channel, HttpContext context, ChannelIndexes indexes) =>
            indexes.Find(channel) is { } index ? BlockEvents.StreamAsync(context, index) : Unknown(channel).ExecuteAsync(context));
        endpoints.MapGet("/channels/{channel}/blocks", (string channel, ulong? before, HttpContext context, ChannelIndexes indexes, ExplorerConnection connection, ILogger<ChannelIndexes> logger) =>
            WithIndex(context, indexes, channel, "Blocks", logger, index => BlocksPage.RenderAsync(index, connection, before, context.RequestAborted)));
        endpoints.MapGet("/channels/{channel}/blocks/{number}", (string channel, ulong number, HttpContext context, ChannelIndexes indexes, ExplorerConnection connection, ILogger<ChannelIndexes> logger) =>
            WithIndex(context, indexes, channel, "Block", logger, index => BlockPage.RenderAsync(index, connection, number, context.RequestAborted)));
        endpoints.MapGet("/channels/{channel}/transactions/{txId}", (string channel, string txId, ulong? block, HttpContext context, ChannelIndexes indexes, ExplorerConnection connection, ILogger<ChannelIndexes> logger) =>
            WithIndex(context, indexes, channel, "Transaction", logger, index => TransactionPage.RenderAsync(index, connection, txId, block, context.RequestAborted)));
        endpoints.MapGet("/channels/{channel}/chaincodes", (string channel, HttpContext context, ChannelIndexes indexes, ExplorerConnection connection, ILogger<ChannelIndexes> logger) =>
            WithIndex(context, indexes, channel, "Chaincodes", logger, index => ChaincodesPage.RenderAsync(index, connection, context.RequestAborted)));
        endpoints.MapGet("/channels/{channel}/config", (string channel, HttpContext context, ChannelIndexes indexes, ExplorerConnection connection, ILogger<ChannelIndexes> logger) =>
            WithIndex(context, indexes, channel, "Configuration", logger, index => ConfigPage.RenderAsync(index, connection, context.RequestAborted)));
        return endpoints;
    }

    private static Task<IResult> WithIndex(HttpContext context, ChannelIndexes indexes, string channel, string title, ILogger logger, Func<ChannelIndex, Task<IResult>> page) =>
        indexes.Find(channel) is { } index
            ? PageErrors.RenderAsync(context, title, channel, logger, () => page(index))
            : Task.FromResult(Unknown(channel));

    private static IResult Unknown(string channel) =>
        PageErrors.NotFound(null, $"The explorer does not follow channel {channel} (--channel names the channels it shows).");
}
