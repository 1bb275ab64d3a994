using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Fabricish.Hosting.Http;

/// <summary>Writes /healthz as Fabric's operations service does: <c>{"status":"OK","time":...}</c>, or 503 with
/// <c>"failed_checks":[{"component":...,"reason":...}]</c>.</summary>
public static class HealthzResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        string time = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        object body = report.Status == HealthStatus.Healthy
            ? new { status = "OK", time }
            : new
            {
                status = "Service Unavailable",
                time,
                failed_checks = report.Entries.Values
                    .SelectMany(e => e.Data.Select(d => new { component = d.Key, reason = d.Value.ToString() }))
                    .ToArray(),
            };
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
