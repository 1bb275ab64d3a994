using Fabricish.Client;
using Fabricish.Explorer.Hosting;
using Fabricish.Explorer.Ledger;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fabricish.Explorer.Web;

/// <summary>A page whose read through the peer fails shows why (the peer's status: FORBIDDEN for an identity that is no
/// reader of the channel, UNAVAILABLE for a peer that is down) instead of a bare 500.</summary>
public static class PageErrors
{
    public static async Task<IResult> RenderAsync(HttpContext context, string title, string? channel, ILogger logger, Func<Task<IResult>> page)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(page);
        string? error;
        try
        {
            return await page().ConfigureAwait(false);
        }
        catch (RpcException e) when (!context.RequestAborted.IsCancellationRequested)
        {
            error = $"the peer answered {e.StatusCode}: {e.Status.Detail}";
        }
        catch (Exception e) when (e is DeliverRefusedException or GatewayException or InvalidOperationException or HttpRequestException)
        {
            error = e.Message;
        }

        ExplorerLog.ReadFailed(logger, context.Request.Path, error);
        var body = new HtmlWriter().Element("p", error, "error");
        return Layout.Page(title, channel, body, status: StatusCodes.Status502BadGateway);
    }

    public static IResult NotFound(string? channel, string message) =>
        Layout.Page("Not found", channel, new HtmlWriter().Element("p", message, "error"), status: StatusCodes.Status404NotFound);
}
