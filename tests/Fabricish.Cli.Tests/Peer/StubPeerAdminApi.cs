using System.Net;
using System.Text;
using Fabricish.Testing.Infra;

namespace Fabricish.Cli.Tests.Peer;

/// <summary>A stand-in for a peer's admin API: answers a join with the given status and body, lists one channel
/// (mychannel) and its blockchain info, and records what it was sent.</summary>
internal sealed class StubPeerAdminApi : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private readonly int _joinStatus;
    private readonly string _joinBody;

    public StubPeerAdminApi(int joinStatus = 201, string joinBody = "{\"name\":\"mychannel\",\"height\":1,\"status\":\"active\",\"problems\":[]}")
    {
        _joinStatus = joinStatus;
        _joinBody = joinBody;
        Port = FreePorts.Take();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>What the stub answers for mychannel's blockchain info.</summary>
    public const string Info = "{\"height\":7,\"currentBlockHash\":\"q+/w3g==\",\"previousBlockHash\":\"AAE=\"}";

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port}";

    public List<(string Method, string Path, string? ContentType, byte[] Body)> Requests { get; } = [];

    public void Dispose()
    {
        _listener.Close();
        _serving.ContinueWith(_ => { }, TaskScheduler.Default).Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            lock (Requests)
            {
                Requests.Add((context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.ContentType, body.ToArray()));
            }

            string path = context.Request.Url!.AbsolutePath;
            (int status, string json) = context.Request.HttpMethod == "POST" ? (_joinStatus, _joinBody)
                : path == "/peer/v1/channels/mychannel/info" ? (200, Info)
                : path.EndsWith("/info", StringComparison.Ordinal) ? (404, "{\"error\":\"channel " + path.Split('/')[^2] + " is not joined\"}")
                : (200, "{\"channels\":[{\"name\":\"mychannel\",\"height\":7,\"status\":\"active\",\"problems\":[]}]}");
            byte[] bytes = Encoding.UTF8.GetBytes(json);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}
