using Fabricish.Channels.Config;
using Fabricish.Channels.Msp;
using Fabricish.Cli.Connection;

namespace Fabricish.Cli.Tests.Connection;

/// <summary>Identity and endpoints come from switches, then Fabric's environment, then the connection profile; a
/// missing or broken source is reported naming what to set.</summary>
public sealed class ConnectionResolverTests : IDisposable
{
    private readonly ClientTestMaterial _material = new();

    public void Dispose() => _material.Dispose();

    [Fact]
    public void Profile_gives_the_client_organizations_first_peer_its_tls_settings_and_the_users_identity()
    {
        string ca = Path.Combine(_material.Dir, "tlsca.pem");
        File.WriteAllText(ca, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        string profile = _material.WriteProfile("grpcs://127.0.0.1:7051", tlsCaPath: "tlsca.pem");
        var resolver = new ConnectionResolver(new ConnectionFlags(ProfilePath: profile), Env());

        NodeEndpoint? peer = resolver.ResolvePeer(out string? peerError);
        using SigningIdentity? identity = resolver.ResolveIdentity(out string? identityError);

        Assert.Null(peerError);
        Assert.Equal(new NodeEndpoint("grpcs://127.0.0.1:7051", File.ReadAllText(ca), "peer0.org1.example.com"), peer);
        Assert.True(peer!.Tls);
        Assert.Null(identityError);
        Assert.Equal(_material.User.Serialize(), identity!.Serialize());
        Assert.Equal("grpc://127.0.0.1:7050", resolver.ResolveOrderer(out _)!.Address);
    }

    [Fact]
    public void Switches_override_the_environment_which_overrides_the_profile()
    {
        string profile = _material.WriteProfile("grpc://127.0.0.1:7051");
        var env = Env(
            (ConnectionResolver.ProfileVariable, profile),
            (ConnectionResolver.PeerAddressVariable, "127.0.0.1:8051"),
            (ConnectionResolver.MspDirVariable, _material.AdminMspDir),
            (ConnectionResolver.MspIdVariable, "Org1MSP"));

        var fromEnvironment = new ConnectionResolver(new ConnectionFlags(), env);
        var fromSwitches = new ConnectionResolver(new ConnectionFlags(Peer: "127.0.0.1:9051", MspDir: _material.UserMspDir), env);

        Assert.Equal("127.0.0.1:8051", fromEnvironment.ResolvePeer(out _)!.Address);
        using (SigningIdentity admin = fromEnvironment.ResolveIdentity(out _)!)
        {
            Assert.Equal(_material.Admin.Serialize(), admin.Serialize());
        }

        Assert.Equal("127.0.0.1:9051", fromSwitches.ResolvePeer(out _)!.Address);
        using SigningIdentity user = fromSwitches.ResolveIdentity(out _)!;
        Assert.Equal(_material.User.Serialize(), user.Serialize());
    }

    [Fact]
    public void A_peer_named_as_in_the_profile_takes_the_profiles_url()
    {
        string profile = _material.WriteProfile("grpc://127.0.0.1:7051");
        var resolver = new ConnectionResolver(new ConnectionFlags(ProfilePath: profile, Peer: "peer0.org1.example.com"), Env());

        Assert.Equal("grpc://127.0.0.1:7051", resolver.ResolvePeer(out _)!.Address);
    }

    [Fact]
    public void CORE_PEER_TLS_ROOTCERT_FILE_makes_a_bare_address_TLS_unless_TLS_is_disabled()
    {
        string ca = Path.Combine(_material.Dir, "ca.pem");
        File.WriteAllText(ca, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        var tls = Env((ConnectionResolver.PeerAddressVariable, "localhost:7051"), (ConnectionResolver.TlsRootCertVariable, ca), (ConnectionResolver.TlsServerHostOverrideVariable, "peer0.org1.example.com"));
        var disabled = Env((ConnectionResolver.PeerAddressVariable, "localhost:7051"), (ConnectionResolver.TlsRootCertVariable, ca), (ConnectionResolver.TlsEnabledVariable, "false"));

        NodeEndpoint withTls = new ConnectionResolver(new ConnectionFlags(), tls).ResolvePeer(out _)!;
        NodeEndpoint plain = new ConnectionResolver(new ConnectionFlags(), disabled).ResolvePeer(out _)!;

        Assert.True(withTls.Tls);
        Assert.Equal("peer0.org1.example.com", withTls.ServerNameOverride);
        Assert.False(plain.Tls);
    }

    [Fact]
    public void Nothing_to_go_on_is_an_error_naming_the_switches_the_variables_and_the_profile()
    {
        var resolver = new ConnectionResolver(new ConnectionFlags(), Env());

        Assert.Null(resolver.ResolvePeer(out string? peerError));
        Assert.Null(resolver.ResolveIdentity(out string? identityError));
        Assert.Null(resolver.ResolveOrderer(out string? ordererError));

        Assert.Contains("--peerAddresses", peerError, StringComparison.Ordinal);
        Assert.Contains("CORE_PEER_ADDRESS", peerError, StringComparison.Ordinal);
        Assert.Contains("FABRICISH_CONNECTION_PROFILE", peerError, StringComparison.Ordinal);
        Assert.Contains("--msp-dir and --msp-id", identityError, StringComparison.Ordinal);
        Assert.Contains("CORE_PEER_MSPCONFIGPATH and CORE_PEER_LOCALMSPID", identityError, StringComparison.Ordinal);
        Assert.Contains("--orderer", ordererError, StringComparison.Ordinal);
    }

    [Fact]
    public void An_MSP_folder_without_an_MSP_id_asks_for_the_id()
    {
        var resolver = new ConnectionResolver(new ConnectionFlags(MspDir: _material.UserMspDir), Env());

        Assert.Null(resolver.ResolveIdentity(out string? error));
        Assert.Contains("--msp-id or set CORE_PEER_LOCALMSPID", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_MSP_folder_without_a_matching_key_is_reported_with_its_path()
    {
        File.Delete(Path.Combine(_material.UserMspDir, "keystore", "priv_sk"));
        var resolver = new ConnectionResolver(new ConnectionFlags(MspDir: _material.UserMspDir, MspId: "Org1MSP"), Env());

        Assert.Null(resolver.ResolveIdentity(out string? error));
        Assert.Contains(_material.UserMspDir, error, StringComparison.Ordinal);
        Assert.Contains("no private key", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_TLS_address_without_a_CA_certificate_asks_for_one()
    {
        var resolver = new ConnectionResolver(new ConnectionFlags(Peer: "grpcs://127.0.0.1:7051"), Env());

        Assert.Null(resolver.ResolvePeer(out string? error));
        Assert.Contains("uses TLS", error, StringComparison.Ordinal);
        Assert.Contains("--tlsRootCertFiles", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TLS_asked_for_without_a_CA_certificate_says_where_to_give_one()
    {
        var byFlag = new ConnectionResolver(new ConnectionFlags(Peer: "localhost:7051", Tls: true), Env());
        var byEnvironment = new ConnectionResolver(new ConnectionFlags(), Env((ConnectionResolver.PeerAddressVariable, "localhost:7051"), (ConnectionResolver.TlsEnabledVariable, "true")));

        Assert.Null(byFlag.ResolvePeer(out string? flagError));
        Assert.Null(byEnvironment.ResolvePeer(out string? environmentError));
        Assert.Contains("(--tls) needs its TLS CA certificate: pass --tlsRootCertFiles or set CORE_PEER_TLS_ROOTCERT_FILE", flagError, StringComparison.Ordinal);
        Assert.Contains("(CORE_PEER_TLS_ENABLED=true)", environmentError, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_address_says_which_forms_are_accepted()
    {
        var resolver = new ConnectionResolver(new ConnectionFlags(Peer: "peer0 without port"), Env());

        Assert.Null(resolver.ResolvePeer(out string? error));
        Assert.Contains("use host:port, grpc://host:port or grpcs://host:port", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"name\":", "is not a Fabric connection profile")]
    [InlineData("{\"client\":{\"organization\":\"Org9\"},\"organizations\":{}}", "client.organization 'Org9' is not among its organizations")]
    [InlineData("{\"organizations\":{\"Org1\":{\"peers\":[]}}}", "organizations.Org1 has no mspid")]
    public void A_broken_profile_is_reported_with_its_path_and_the_problem(string json, string problem)
    {
        string path = Path.Combine(_material.Dir, "broken.json");
        File.WriteAllText(path, json);
        var resolver = new ConnectionResolver(new ConnectionFlags(), Env((ConnectionResolver.ProfileVariable, path)));

        Assert.Null(resolver.ResolvePeer(out string? error));
        Assert.Contains(path, error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_profile_is_reported_with_its_path()
    {
        string path = Path.Combine(_material.Dir, "nope.json");
        var resolver = new ConnectionResolver(new ConnectionFlags(ProfilePath: path), Env());

        Assert.Null(resolver.ResolveIdentity(out string? error));
        Assert.Equal($"connection profile '{path}' does not exist", error);
    }

    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("500ms", 500)]
    [InlineData("2h", 7_200_000)]
    public void Go_durations_parse_as_Fabrics_tools_write_them(string text, int milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out TimeSpan duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("30")]
    [InlineData("s")]
    [InlineData("1x")]
    public void Durations_without_units_are_refused(string text) => Assert.False(GoDuration.TryParse(text, out _));

    private static Func<string, string?> Env(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return name => map.GetValueOrDefault(name);
    }
}
