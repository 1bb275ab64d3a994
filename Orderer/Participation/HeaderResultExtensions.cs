using Microsoft.AspNetCore.Http;

namespace Fabricish.Orderer.Participation;

internal static class HeaderResultExtensions
{
    public static IResult WithHeader(this IResult result, string name, string value) => new HeaderResult(result, name, value);

    public static IResult WithLocation(this IResult result, string location) => new HeaderResult(result, "Location", location);
}
