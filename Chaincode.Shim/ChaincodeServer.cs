using System.Globalization;
using System.Net;
using Fabricish.Protos;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fabricish.Chaincode.Shim;

/// <summary>Chaincode as a service (Fabric's shim.ChaincodeServer): hosts <c>protos.Chaincode/Connect</c> over
/// HTTP/2 on <see cref="Address"/>; the peer dials it and the chaincode registers as <see cref="ChaincodeId"/>.</summary>
public sealed class ChaincodeServer : IAsyncDisposable
{
    private readonly IChaincode _chaincode;
    private readonly ChaincodeServerTls? _tls;
    private readonly ILoggerFactory _loggerFactory;
    private WebApplication? _app;

    /// <param name="chaincodeId">The package id the peer knows the chaincode by (CHAINCODE_ID /
    /// CORE_CHAINCODE_ID_NAME), e.g. <c>basic_1.0:abc...</c>.</param>
    /// <param name="address"><c>host:port</c> to listen on (CHAINCODE_SERVER_ADDRESS); port 0 picks a free one.</param>
    public ChaincodeServer(
        string chaincodeId,
        string address,
        IChaincode chaincode,
        ChaincodeServerTls? tls = null,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(chaincodeId);
        ArgumentException.ThrowIfNullOrEmpty(address);
        ArgumentNullException.ThrowIfNull(chaincode);
        ChaincodeId = chaincodeId;
        Address = address;
        _chaincode = chaincode;
        _tls = tls;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    }

    public string ChaincodeId { get; }

    public string Address { get; }

    /// <summary>The URIs actually bound, known once started (shows the port chosen for port 0).</summary>
    public IReadOnlyList<Uri> BoundAddresses { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("the chaincode server is already started");
        }

        (IPAddress? ip, int port) = ParseAddress(Address);
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddLogging();
        builder.Services.Replace(ServiceDescriptor.Singleton(_loggerFactory));
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            Action<ListenOptions> configure = ConfigureListener;
            if (ip is null)
            {
                kestrel.ListenAnyIP(port, configure);
            }
            else
            {
                kestrel.Listen(ip, port, configure);
            }
        });
        builder.Services.AddGrpc(grpc =>
        {
            // As Fabric's shim: arguments and state values as large as the peer sends them.
            grpc.MaxReceiveMessageSize = CommDefaults.MaxRecvMsgSize;
            grpc.MaxSendMessageSize = CommDefaults.MaxSendMsgSize;
        });
        builder.Services.AddSingleton(sp => new ChaincodeService(ChaincodeId, _chaincode, sp.GetRequiredService<ILogger<Handler>>()));

        WebApplication built = builder.Build();
        built.MapGrpcService<ChaincodeService>();
        await built.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = built;
        BoundAddresses = [.. (built.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            .Select(a => new Uri(a))];
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> fires, as Fabric's blocking Start does.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Cancellation is how the caller asks the server to stop.
        }
        finally
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        WebApplication? running = Interlocked.Exchange(ref _app, null);
        if (running is not null)
        {
            await running.StopAsync(cancellationToken).ConfigureAwait(false);
            await running.DisposeAsync().ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private void ConfigureListener(ListenOptions listen)
    {
        // gRPC without TLS needs HTTP/2 prior knowledge; with TLS, ALPN negotiates it.
        listen.Protocols = HttpProtocols.Http2;
        if (_tls is null)
        {
            return;
        }

        listen.UseHttps(https =>
        {
            https.ServerCertificate = _tls.Certificate;
            if (_tls.ClientCaCertificates.Count > 0)
            {
                https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                https.ClientCertificateValidation = (certificate, _, _) => _tls.IsTrustedClient(certificate);
            }
        });
    }

    /// <summary>Null address: every interface (hosts that are names, or 0.0.0.0 / ::).</summary>
    internal static (IPAddress? Address, int Port) ParseAddress(string address)
    {
        int colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
        {
            throw new FormatException($"chaincode server address [{address}] is not host:port");
        }

        string host = address[..colon].Trim('[', ']');
        if (host == "localhost")
        {
            return (IPAddress.Loopback, port);
        }

        if (IPAddress.TryParse(host, out IPAddress? ip))
        {
            return ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any) ? (null, port) : (ip, port);
        }

        return (null, port);
    }
}
