using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Fabricish.Explorer.Ledger;
using Microsoft.AspNetCore.Http;

namespace Fabricish.Explorer.Web;

/// <summary><c>/channels/{channel}/events</c>: server-sent events, one <c>block</c> event per block the peer's Deliver
/// stream brings (number, transactions, VALID count, codes by name, when the explorer saw it), and a comment every
/// 15 s so proxies keep the connection open.</summary>
public static class BlockEvents
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static async Task StreamAsync(HttpContext context, ChannelIndex index)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(index);
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        CancellationToken aborted = context.RequestAborted;
        Channel<BlockSummary> blocks = index.Subscribe();
        try
        {
            await context.Response.WriteAsync(": live blocks\n\n", aborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
            while (!aborted.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                wait.CancelAfter(KeepAlive);
                string message;
                try
                {
                    BlockSummary block = await blocks.Reader.ReadAsync(wait.Token).ConfigureAwait(false);
                    message = "event: block\ndata: " + JsonSerializer.Serialize(new
                    {
                        number = block.Number,
                        txs = block.TxCount,
                        valid = block.ValidCount,
                        codes = block.Codes.GroupBy(c => c).ToDictionary(g => ValidationCodeNames.Name(g.Key), g => g.Count()),
                        seen = block.Seen.ToUnixTimeMilliseconds(),
                    }) + "\n\n";
                }
                catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                {
                    message = string.Create(CultureInfo.InvariantCulture, $": keep-alive {DateTimeOffset.UtcNow.ToUnixTimeSeconds()}\n\n");
                }

                await context.Response.WriteAsync(message, aborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The browser went away.
        }
        finally
        {
            index.Unsubscribe(blocks);
        }
    }
}
