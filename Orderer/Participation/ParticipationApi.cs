using Fabricish.Channels.Config;
using Fabricish.Hosting.Http;
using Fabricish.Orderer.Consensus;
using Fabricish.Orderer.Registrar;
using Fabricish.Protos.Common;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fabricish.Orderer.Participation;

/// <summary>
/// Fabric v2.5's channel participation REST API (<c>orderer/common/channelparticipation</c>), so <c>osnadmin channel
/// join|list|remove</c> work against this orderer: join by POSTing the genesis block as the multipart form file
/// <c>config-block</c>; list all, list one, remove. Answers and error bodies use Fabric's JSON shapes and status codes.
/// </summary>
internal static class ParticipationApi
{
    public const string BaseV1 = "/participation/v1/";
    public const string Channels = BaseV1 + "channels";
    public const string ConfigBlockField = "config-block";

    private const long MaxBlockBytes = 100 * 1024 * 1024;

    public static IEndpointRouteBuilder MapChannelParticipation(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(Channels, (HttpContext http, ChannelRegistrar registrar) => Negotiated(http, () =>
            Results.Json(new ChannelList([.. registrar.Channels.Select(c => new ChannelInfoShort(c.ChannelId, UrlOf(c.ChannelId)))], null))));
        endpoints.MapPost(Channels, JoinAsync);
        endpoints.MapMethods(Channels, ["PUT", "PATCH", "DELETE"], () => NotAllowed("invalid request method", "GET", "POST"));
        endpoints.MapGet(Channels + "/{channelId}", (HttpContext http, string channelId, ChannelRegistrar registrar) => Negotiated(http, () =>
        {
            if (ChannelIdRules.Validate(channelId) is { } invalid)
            {
                return Error(StatusCodes.Status400BadRequest, $"invalid channel ID: {invalid}");
            }

            return registrar.Get(channelId) is { } channel ? Results.Json(InfoOf(channel)) : Error(StatusCodes.Status404NotFound, "channel does not exist");
        }));
        endpoints.MapDelete(Channels + "/{channelId}", async (HttpContext http, string channelId, ChannelRegistrar registrar) =>
        {
            if (ChannelIdRules.Validate(channelId) is { } invalid)
            {
                return Error(StatusCodes.Status400BadRequest, $"invalid channel ID: {invalid}");
            }

            return await registrar.RemoveAsync(channelId, http.RequestAborted).ConfigureAwait(false)
                ? Results.NoContent()
                : Error(StatusCodes.Status404NotFound, "cannot remove: channel does not exist");
        });
        endpoints.MapMethods(Channels + "/{channelId}", ["POST", "PUT", "PATCH"], () => NotAllowed("invalid request method", "GET", "DELETE"));
        return endpoints;
    }

    public static string UrlOf(string channelId) => $"{Channels}/{channelId}";

    public static ChannelInfo InfoOf(ChannelSupport channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        string status = channel.Chain.Status.Health switch
        {
            ChainHealth.Created or ChainHealth.Starting => "onboarding",
            ChainHealth.Errored => "failed",
            ChainHealth.Stopped => "inactive",
            _ => "active",
        };
        return new ChannelInfo(channel.ChannelId, UrlOf(channel.ChannelId), "consenter", status, channel.Height);
    }

    private static async Task<IResult> JoinAsync(HttpContext http, ChannelRegistrar registrar)
    {
        if (!AcceptsJson(http.Request))
        {
            return Error(StatusCodes.Status406NotAcceptable, "response Content-Type is application/json only");
        }

        if (!http.Request.HasFormContentType || !http.Request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return Error(StatusCodes.Status400BadRequest, $"unsupported Content-Type: [{http.Request.ContentType}]");
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Error(StatusCodes.Status400BadRequest, $"cannot read form from request body: {e.Message}");
        }

        IFormFile? file = form.Files.GetFile(ConfigBlockField);
        if (file is null)
        {
            return Error(StatusCodes.Status400BadRequest, $"form does not contains part key: {ConfigBlockField}");
        }

        if (form.Files.Count != 1 || form.Count != 0)
        {
            return Error(StatusCodes.Status400BadRequest, "form contains too many parts");
        }

        if (file.Length > MaxBlockBytes)
        {
            return Error(StatusCodes.Status400BadRequest, $"file part {ConfigBlockField} is larger than {MaxBlockBytes} bytes");
        }

        Block block;
        try
        {
            using Stream content = file.OpenReadStream();
            block = Block.Parser.ParseFrom(content);
        }
        catch (InvalidProtocolBufferException e)
        {
            return Error(StatusCodes.Status400BadRequest, $"cannot unmarshal file part {ConfigBlockField} into a block: {e.Message}");
        }

        if (block.Header is null || block.Data is null)
        {
            return Error(StatusCodes.Status400BadRequest, "cannot join: block is not a config block: it has no header or data");
        }

        JoinResult joined = await registrar.JoinAsync(block, http.RequestAborted).ConfigureAwait(false);
        return joined.Status switch
        {
            JoinStatus.Joined => Results.Json(InfoOf(joined.Channel!), statusCode: StatusCodes.Status201Created)
                .WithLocation(UrlOf(joined.Channel!.ChannelId)),
            JoinStatus.AlreadyExists => NotAllowed($"cannot join: {joined.Error}", "GET", "DELETE"),
            _ => Error(StatusCodes.Status400BadRequest, $"cannot join: {joined.Error}"),
        };
    }

    private static IResult Negotiated(HttpContext http, Func<IResult> respond) =>
        AcceptsJson(http.Request) ? respond() : Error(StatusCodes.Status406NotAcceptable, "response Content-Type is application/json only");

    private static bool AcceptsJson(HttpRequest request)
    {
        string accept = request.Headers.Accept.ToString();
        return accept.Length == 0
            || accept.Split(',').Any(o => o.Contains("application/json", StringComparison.OrdinalIgnoreCase)
                || o.Contains("application/*", StringComparison.Ordinal) || o.Contains("*/*", StringComparison.Ordinal));
    }

    private static IResult Error(int status, string error) => Results.Json(new ErrorResponse(error), statusCode: status);

    private static IResult NotAllowed(string error, params string[] allow) =>
        Results.Json(new ErrorResponse(error), statusCode: StatusCodes.Status405MethodNotAllowed).WithHeader("Allow", string.Join(", ", allow));
}
