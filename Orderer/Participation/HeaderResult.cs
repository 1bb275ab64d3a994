using Microsoft.AspNetCore.Http;

namespace Fabricish.Orderer.Participation;

/// <summary>An <see cref="IResult"/> with one response header added (Location of a joined channel, Allow of a 405).</summary>
internal sealed class HeaderResult(IResult inner, string name, string value) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers[name] = value;
        return inner.ExecuteAsync(httpContext);
    }
}
