using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabricish.Channels.Crypto;
using Fabricish.Channels.Msp;
using Fabricish.Client;

namespace Fabricish.Cli.Connection;

/// <summary>
/// Finds who the client is and where to connect, as Fabric's tools do: switches first, then Fabric's environment
/// (<c>CORE_PEER_ADDRESS</c>, <c>CORE_PEER_LOCALMSPID</c>, <c>CORE_PEER_MSPCONFIGPATH</c>, <c>CORE_PEER_TLS_*</c>), then
/// the connection profile (<c>--connection-profile</c> or <c>FABRICISH_CONNECTION_PROFILE</c>). Every failure comes back
/// as an error naming what to set.
/// </summary>
public sealed class ConnectionResolver
{
    public const string ProfileVariable = "FABRICISH_CONNECTION_PROFILE";
    public const string PeerAddressVariable = "CORE_PEER_ADDRESS";
    public const string MspIdVariable = "CORE_PEER_LOCALMSPID";
    public const string MspDirVariable = "CORE_PEER_MSPCONFIGPATH";
    public const string TlsEnabledVariable = "CORE_PEER_TLS_ENABLED";
    public const string TlsRootCertVariable = "CORE_PEER_TLS_ROOTCERT_FILE";
    public const string TlsServerHostOverrideVariable = "CORE_PEER_TLS_SERVERHOSTOVERRIDE";

    private const string ProfileHint = "a connection profile (--connection-profile or " + ProfileVariable + ")";

    private readonly ConnectionFlags _flags;
    private readonly Func<string, string?> _environment;
    private ConnectionProfile? _profile;
    private string? _profileError;
    private bool _profileLoaded;

    public ConnectionResolver(ConnectionFlags flags, Func<string, string?> environment)
    {
        _flags = flags;
        _environment = environment;
    }

    /// <summary>The connection profile, if one was named; <paramref name="error"/> is set when it was named but is unusable.</summary>
    public ConnectionProfile? Profile(out string? error)
    {
        if (!_profileLoaded)
        {
            _profileLoaded = true;
            string? path = _flags.ProfilePath ?? _environment(ProfileVariable);
            _profile = path is null ? null : ConnectionProfile.TryLoad(path, out _profileError);
        }

        error = _profileError;
        return _profile;
    }

    public NodeEndpoint? ResolvePeer(out string? error)
    {
        ConnectionProfile? profile = Profile(out error);
        if (error is not null)
        {
            return null;
        }

        string? address = _flags.Peer ?? _environment(PeerAddressVariable);
        if (address is not null && profile?.Peers.GetValueOrDefault(address) is { } named)
        {
            return FromProfile(named, out error);
        }

        if (address is not null)
        {
            string? rootFile = _flags.PeerTlsRootCertFile
                ?? (string.Equals(_environment(TlsEnabledVariable), "false", StringComparison.OrdinalIgnoreCase) ? null : _environment(TlsRootCertVariable));
            bool tlsAsked = _flags.Tls || string.Equals(_environment(TlsEnabledVariable), "true", StringComparison.OrdinalIgnoreCase);
            if (tlsAsked && rootFile is null)
            {
                error = $"TLS to the peer ({(_flags.Tls ? "--tls" : TlsEnabledVariable + "=true")}) needs its TLS CA certificate: pass --tlsRootCertFiles or set {TlsRootCertVariable}";
                return null;
            }

            return Endpoint(address, rootFile, "--tlsRootCertFiles or " + TlsRootCertVariable, _environment(TlsServerHostOverrideVariable), out error);
        }

        ProfileOrganization? organization = profile?.ClientOrganizationEntry();
        string? peerName = organization?.Peers.FirstOrDefault() ?? profile?.Peers.Keys.FirstOrDefault();
        if (profile is not null && peerName is not null)
        {
            if (!profile.Peers.TryGetValue(peerName, out ProfileNode? node))
            {
                error = $"connection profile '{profile.Path}' lists peer '{peerName}' for {organization!.Name} but has no peers.{peerName} entry";
                return null;
            }

            return FromProfile(node, out error);
        }

        error = profile is null
            ? $"no peer to connect to: pass --peerAddresses host:port, set {PeerAddressVariable}, or give {ProfileHint}"
            : $"connection profile '{profile.Path}' names no peer: pass --peerAddresses host:port or set {PeerAddressVariable}";
        return null;
    }

    public NodeEndpoint? ResolveOrderer(out string? error)
    {
        ConnectionProfile? profile = Profile(out error);
        if (error is not null)
        {
            return null;
        }

        if (_flags.Orderer is { } address)
        {
            if (profile?.Orderers.GetValueOrDefault(address) is { } named)
            {
                return FromProfile(named, out error);
            }

            return Endpoint(address, _flags.OrdererTlsCaFile, "--cafile", _flags.OrdererServerNameOverride, out error);
        }

        if (profile?.Orderers.Values.FirstOrDefault() is { } first)
        {
            return FromProfile(first, out error);
        }

        error = $"no orderer to connect to: pass --orderer (-o) host:port or give {ProfileHint} with an orderers entry";
        return null;
    }

    /// <summary>The peer to call and the identity to call it as (the caller disposes it), or null with the error
    /// naming what to set.</summary>
    public (NodeEndpoint Peer, SigningIdentity Identity)? ResolvePeerAndIdentity(out string? error)
    {
        NodeEndpoint? peer = ResolvePeer(out error);
        SigningIdentity? identity = peer is null ? null : ResolveIdentity(out error);
        return identity is null ? null : (peer!, identity);
    }

    /// <summary>The signing identity: an MSP folder (switches or environment), else the client organization's
    /// signedCert and adminPrivateKey in the profile. The caller disposes it.</summary>
    public SigningIdentity? ResolveIdentity(out string? error)
    {
        ConnectionProfile? profile = Profile(out error);
        if (error is not null)
        {
            return null;
        }

        ProfileOrganization? organization = profile?.ClientOrganizationEntry();
        string? mspId = _flags.MspId ?? _environment(MspIdVariable) ?? organization?.MspId;
        string? mspDir = _flags.MspDir ?? _environment(MspDirVariable);
        if (mspDir is not null)
        {
            if (mspId is null)
            {
                error = $"the MSP ID of the identity in {mspDir} is required: pass --msp-id or set {MspIdVariable}";
                return null;
            }

            try
            {
                return MspDirectory.LoadSigningIdentity(mspDir, mspId);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException)
            {
                error = $"cannot load the identity of {mspId} from MSP folder {mspDir} (--msp-dir or {MspDirVariable}): {e.Message}";
                return null;
            }
        }

        if (organization is not null && mspId is not null
            && (organization.SignedCertPath ?? organization.SignedCertPem) is not null
            && (organization.PrivateKeyPath ?? organization.PrivateKeyPem) is not null)
        {
            return FromProfile(profile!, organization, mspId, out error);
        }

        error = profile is null
            ? $"an identity is required: pass --msp-dir and --msp-id, set {MspDirVariable} and {MspIdVariable}, or give {ProfileHint}"
            : $"connection profile '{profile.Path}' has no client identity (organizations.<client organization>.signedCert and adminPrivateKey): pass --msp-dir and --msp-id or set {MspDirVariable} and {MspIdVariable}";
        return null;
    }

    private static SigningIdentity? FromProfile(ConnectionProfile profile, ProfileOrganization organization, string mspId, out string? error)
    {
        string where = $"connection profile '{profile.Path}', organization {organization.Name}";
        X509Certificate2? certificate = null;
        ECDsa? key = null;
        try
        {
            string certificatePem = organization.SignedCertPem ?? File.ReadAllText(organization.SignedCertPath!);
            certificate = X509Certificate2.CreateFromPem(certificatePem);
            key = KeyPem.Read(organization.PrivateKeyPem ?? File.ReadAllText(organization.PrivateKeyPath!));
            error = null;
            return new SigningIdentity(mspId, certificate, key);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            certificate?.Dispose();
            key?.Dispose();
            error = $"{where}: cannot load signedCert/adminPrivateKey: {e.Message}";
            return null;
        }
    }

    private static NodeEndpoint? FromProfile(ProfileNode node, out string? error)
    {
        if (node.TlsCaCertsPem is not null)
        {
            return Validated(new NodeEndpoint(node.Url, node.TlsCaCertsPem, node.ServerNameOverride), out error);
        }

        return Endpoint(node.Url, node.TlsCaCertsPath, $"{node.Name}.tlsCACerts in the connection profile", node.ServerNameOverride, out error);
    }

    private static NodeEndpoint? Endpoint(string address, string? tlsRootFile, string tlsSource, string? serverNameOverride, out string? error)
    {
        string? pem = null;
        if (tlsRootFile is not null)
        {
            try
            {
                pem = File.ReadAllText(tlsRootFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error = $"cannot read the TLS CA certificate {tlsRootFile} ({tlsSource}): {e.Message}";
                return null;
            }
        }

        return Validated(new NodeEndpoint(address, pem, serverNameOverride), out error);
    }

    private static NodeEndpoint? Validated(NodeEndpoint endpoint, out string? error)
    {
        if (!GrpcConnections.TryParseAddress(endpoint.Address, endpoint.TlsRootCertPem is not null, out Uri? uri, out error))
        {
            return null;
        }

        if (uri!.Scheme == Uri.UriSchemeHttps && endpoint.TlsRootCertPem is null)
        {
            error = $"'{endpoint.Address}' uses TLS: give its TLS CA certificate (--tlsRootCertFiles, {TlsRootCertVariable}, or tlsCACerts in the connection profile)";
            return null;
        }

        return endpoint;
    }
}
