using System.Security.Cryptography.X509Certificates;
using Fabricish.Channels.Config;
using Fabricish.Channels.Crypto.Tls;
using Fabricish.Protos;
using Grpc.Net.Client;

namespace Fabricish.Peer.Host;

/// <summary>
/// How the peer dials other nodes (orderers for blocks and transactions, other peers' endorsers): the address decides
/// (<c>grpcs://</c> TLS, <c>grpc://</c> plaintext, bare host:port TLS when <see cref="PeerTlsOptions.Enabled"/>), and TLS
/// servers must chain to <see cref="PeerTlsOptions.RootCertFile"/> or to a TLS root CA of the channels' organizations
/// (Fabric's MSP tls_root_certs), read at every handshake so configuration updates are followed. The peer's own
/// certificate is offered for mutual TLS.
/// </summary>
internal sealed class PeerTlsClient : IDisposable
{
    private readonly PeerTlsOptions _options;
    private readonly Func<IEnumerable<ChannelConfig>> _channels;
    private readonly Lazy<(X509Certificate2Collection Roots, X509Certificate2? Certificate, X509Certificate2Collection Chain)> _material;

    /// <param name="channels">The configurations whose organizations' TLS CAs are trusted.</param>
    public PeerTlsClient(PeerTlsOptions options, Func<IEnumerable<ChannelConfig>> channels)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(channels);
        _options = options;
        _channels = channels;
        _material = new(Load);
    }

    /// <summary>Whether <paramref name="endpoint"/> is dialled with TLS.</summary>
    public bool IsTls(string endpoint) => TlsClientHandler.IsTls(TlsClientHandler.Address(endpoint, _options.Enabled));

    /// <summary>A gRPC channel to <paramref name="endpoint"/>; the caller disposes it. With <paramref name="keepAlive"/>
    /// the connection is pinged after that much silence and dropped when the answer does not come in time.</summary>
    public GrpcChannel Connect(string endpoint, TimeSpan? connectTimeout = null, (TimeSpan Interval, TimeSpan Timeout)? keepAlive = null)
    {
        Uri address = TlsClientHandler.Address(endpoint, _options.Enabled);
        TlsClientConfig? tls = null;
        if (TlsClientHandler.IsTls(address))
        {
            var (roots, certificate, chain) = _material.Value;
            tls = new TlsClientConfig(() => TlsTrust.FromChannels(roots, _channels()))
            {
                ClientCertificate = certificate,
                ClientCertificateChain = chain,
            };
        }

        SocketsHttpHandler handler = TlsClientHandler.Create(address, tls, connectTimeout);
        if (keepAlive is { } ping)
        {
            handler.KeepAlivePingDelay = ping.Interval;
            handler.KeepAlivePingTimeout = ping.Timeout;
            handler.KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always;
        }

        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            // Blocks from orderers and transactions to them are as large as the channel's AbsoluteMaxBytes allows.
            MaxReceiveMessageSize = CommDefaults.MaxRecvMsgSize,
            MaxSendMessageSize = CommDefaults.MaxSendMsgSize,
        });
    }

    public void Dispose()
    {
        if (!_material.IsValueCreated)
        {
            return;
        }

        var (roots, certificate, chain) = _material.Value;
        foreach (X509Certificate2 c in roots.Concat(chain))
        {
            c.Dispose();
        }

        certificate?.Dispose();
    }

    /// <summary>The validator has accepted the files when TLS is enabled; with TLS off only grpcs:// addresses get
    /// here, and the peer then has no certificate of its own to offer.</summary>
    private (X509Certificate2Collection, X509Certificate2?, X509Certificate2Collection) Load()
    {
        X509Certificate2Collection roots = [];
        if (!string.IsNullOrWhiteSpace(_options.RootCertFile) && !TlsPemFiles.TryLoadCertificates(_options.RootCertFile, out roots, out string? error))
        {
            throw new InvalidOperationException("Peer:Tls:RootCertFile: " + error);
        }

        if (!_options.Enabled || string.IsNullOrWhiteSpace(_options.CertFile) || string.IsNullOrWhiteSpace(_options.KeyFile))
        {
            return (roots, null, []);
        }

        if (!TlsPemFiles.TryLoadKeyPair(_options.CertFile, _options.KeyFile, out X509Certificate2? certificate, out X509Certificate2Collection chain, out error))
        {
            throw new InvalidOperationException("Peer:Tls:KeyFile: " + error);
        }

        return (roots, certificate, chain);
    }
}
