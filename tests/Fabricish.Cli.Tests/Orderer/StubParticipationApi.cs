using System.Net;
using System.Text;
using Fabricish.Testing.Infra;

namespace Fabricish.Cli.Tests.Orderer;

/// <summary>A stand-in for an orderer's admin endpoint answering with Fabric's participation API shapes: the first
/// join of a channel succeeds (201), later ones are refused (405) as by Fabric; it records what it was sent.</summary>
internal sealed class StubParticipationApi : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HashSet<string> _joined = [];
    private readonly Task _serving;

    public StubParticipationApi()
    {
        Port = FreePorts.Take();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

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
            string path = context.Request.Url!.AbsolutePath;
            lock (Requests)
            {
                Requests.Add((context.Request.HttpMethod, path, context.Request.ContentType, body.ToArray()));
            }

            (int status, string json) = Answer(context.Request.HttpMethod, path);
            byte[] bytes = Encoding.UTF8.GetBytes(json);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private (int, string) Answer(string method, string path)
    {
        const string channels = "/participation/v1/channels";
        if (method == "POST" && path == channels)
        {
            return _joined.Add("mychannel")
                ? (201, """{"name":"mychannel","url":"/participation/v1/channels/mychannel","consensusRelation":"consenter","status":"onboarding","height":1}""")
                : (405, """{"error":"cannot join: channel already exists"}""");
        }

        if (method == "GET" && path == channels)
        {
            return (200, """{"channels":[{"name":"mychannel","url":"/participation/v1/channels/mychannel"}],"systemChannel":null}""");
        }

        if (method == "GET" && path == channels + "/mychannel")
        {
            return (200, """{"name":"mychannel","url":"/participation/v1/channels/mychannel","consensusRelation":"consenter","status":"active","height":7}""");
        }

        return (404, """{"error":"channel does not exist"}""");
    }
}
