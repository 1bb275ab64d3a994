using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Fabricish.Hosting;

/// <summary>
/// What every Fabricish node host (orderer, peer) sets up the same way: configuration sources, last wins —
/// appsettings.json, <c>FABRICISH_</c>-prefixed environment variables, the caller's extra settings, the command line
/// with the node's short switches — and Kestrel on two addresses: gRPC (HTTP/2, plaintext or TLS) and the
/// admin/operations API (HTTP/1.1, plaintext or TLS).
/// </summary>
public static class NodeHostBuilder
{
    public static WebApplicationBuilder Create(
        string[] args, IEnumerable<KeyValuePair<string, string?>>? settings, IReadOnlyDictionary<string, string> switches)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(switches);
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddEnvironmentVariables("FABRICISH_");
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Configuration.AddCommandLine(args, new Dictionary<string, string>(switches));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        return builder;
    }

    /// <summary>Listens on addresses the node's options validator has already accepted; gRPC over TLS when
    /// <paramref name="tls"/> is given (ALPN negotiates HTTP/2), else HTTP/2 with prior knowledge; the admin API over
    /// TLS when <paramref name="adminTls"/> is given.</summary>
    public static void Listen(KestrelServerOptions kestrel, string grpcAddress, string adminAddress, NodeTlsServer? tls = null, NodeTlsServer? adminTls = null)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        ListenAddress.TryParse(grpcAddress, out var grpc, out _);
        ListenAddress.TryParse(adminAddress, out var admin, out _);
        kestrel.Listen(grpc!, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (tls is not null)
            {
                listen.UseHttps(tls.Configure);
            }
        });
        kestrel.Listen(admin!, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            if (adminTls is not null)
            {
                listen.UseHttps(adminTls.Configure);
            }
        });
    }

    /// <summary>gRPC's message limits of the node's services (Fabric's MaxRecvMsgSize / MaxSendMsgSize). Kestrel's 30 MB
    /// request body limit does not apply: ASP.NET Core gRPC lifts it in favour of these.</summary>
    public static void LimitMessageSizes(Grpc.AspNetCore.Server.GrpcServiceOptions grpc, int maxRecvMsgSize, int maxSendMsgSize)
    {
        ArgumentNullException.ThrowIfNull(grpc);
        grpc.MaxReceiveMessageSize = maxRecvMsgSize;
        grpc.MaxSendMessageSize = maxSendMsgSize;
    }

    public static void ValidateMessageSizes(List<string> failures, string section, int maxRecvMsgSize, int maxSendMsgSize)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (maxRecvMsgSize <= 0)
        {
            failures.Add($"{section}:MaxRecvMsgSize must be a positive number of bytes (Fabric's default is {Protos.CommDefaults.MaxRecvMsgSize})");
        }

        if (maxSendMsgSize <= 0)
        {
            failures.Add($"{section}:MaxSendMsgSize must be a positive number of bytes (Fabric's default is {Protos.CommDefaults.MaxSendMsgSize})");
        }
    }
}
