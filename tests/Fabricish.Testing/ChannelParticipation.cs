using System.Net.Http.Headers;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Testing;

/// <summary>Joins an orderer to a channel through its channel participation API, as <c>osnadmin channel join</c>
/// does: the config block posted as the multipart file <c>config-block</c>.</summary>
public static class ChannelParticipation
{
    public const string ChannelsPath = "/participation/v1/channels";

    /// <summary>Posts <paramref name="configBlock"/> to <paramref name="admin"/> (a client of the admin listener); the
    /// caller reads the answer (201 Created when joined).</summary>
    public static async Task<HttpResponseMessage> JoinAsync(HttpClient admin, Block configBlock)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(configBlock);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(configBlock.ToByteArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "config-block", "genesis.block");
        return await admin.PostAsync(new Uri(ChannelsPath, UriKind.Relative), form).ConfigureAwait(false);
    }
}
