using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Fabricish.Ledger.State.CouchDb;

/// <summary>Plain CouchDB HTTP with Fabric's retry policy: transport failures, timeouts and 5xx replies are
/// retried with backoff and then surface as <see cref="StateDatabaseUnavailableException"/>; every other reply
/// goes back to the caller, which knows what a 404 or 409 means for its request.</summary>
internal sealed class CouchDbClient(HttpClient http, CouchDbStateOptions options)
{
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    /// <param name="body">Sent as is (retries send it again), so callers can hand over the buffer they wrote the JSON
    /// into without copying it; empty for none.</param>
    public async Task<CouchResponse> SendAsync(HttpMethod method, string relativeUri, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        TimeSpan delay = options.RetryDelay;
        for (int attempt = 0; ; attempt++)
        {
            string failure;
            Exception? cause = null;
            try
            {
                using var request = new HttpRequestMessage(method, new Uri(relativeUri, UriKind.Relative));
                request.Headers.Accept.Add(Json);
                if (!body.IsEmpty)
                {
                    request.Content = new ReadOnlyMemoryContent(body);
                    request.Content.Headers.ContentType = Json;
                }

                using HttpResponseMessage response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                byte[] payload = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                if ((int)response.StatusCode < 500 && response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
                {
                    return new CouchResponse(response.StatusCode, payload.Length == 0 ? JsonDocument.Parse("{}") : JsonDocument.Parse(payload));
                }

                failure = $"{method} {relativeUri} answered {(int)response.StatusCode} {response.ReasonPhrase}";
                if ((int)response.StatusCode < 500)
                {
                    // Credentials do not fix themselves by retrying; the committer waits (and /healthz says why) until an
                    // operator fixes them.
                    throw new StateDatabaseUnavailableException($"CouchDB authentication failed: {failure}");
                }
            }
            catch (HttpRequestException e)
            {
                (failure, cause) = ($"{method} {relativeUri} failed: {e.Message}", e);
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                (failure, cause) = ($"{method} {relativeUri} timed out", e);
            }
            catch (Exception e) when (e is IOException or JsonException)
            {
                (failure, cause) = ($"{method} {relativeUri} returned an unreadable reply: {e.Message}", e);
            }

            if (attempt >= options.MaxRetries)
            {
                string message = $"CouchDB state database unavailable after {attempt + 1} attempts: {failure}";
                throw cause is null ? new StateDatabaseUnavailableException(message) : new StateDatabaseUnavailableException(message, cause);
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay *= 2;
        }
    }

    /// <summary>Creates the database unless it exists (412 from CouchDB, which is fine), then sets its
    /// <see cref="CouchDbStateOptions.RevsLimit"/>.</summary>
    public async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken)
    {
        using (CouchResponse response = await SendAsync(HttpMethod.Put, Escape(database), default, cancellationToken).ConfigureAwait(false))
        {
            if (!response.IsSuccess && response.Status != HttpStatusCode.PreconditionFailed)
            {
                throw new InvalidOperationException($"cannot create CouchDB database '{database}': {response.Reason}");
            }
        }

        if (options.RevsLimit > 0)
        {
            byte[] limit = System.Text.Encoding.ASCII.GetBytes(options.RevsLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using CouchResponse response = await SendAsync(HttpMethod.Put, Escape(database) + "/_revs_limit", limit, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                throw new InvalidOperationException($"cannot set _revs_limit {options.RevsLimit} on CouchDB database '{database}': {response.Reason}");
            }
        }
    }

    public static string Escape(string pathSegment) => Uri.EscapeDataString(pathSegment);
}
