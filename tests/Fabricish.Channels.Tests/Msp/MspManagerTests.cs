using Fabricish.Channels.Crypto;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Msp;
using Google.Protobuf;

namespace Fabricish.Channels.Tests.Msp;

public sealed class MspManagerTests : IDisposable
{
    private static readonly byte[] Message = "block header"u8.ToArray();
    private readonly TestOrg _org1 = new("Org1MSP", "org1.example.com");
    private readonly TestOrg _org2 = new("Org2MSP", "org2.example.com");

    public void Dispose()
    {
        _org1.Dispose();
        _org2.Dispose();
    }

    [Fact]
    public void Valid_identity_deserializes_and_verifies_its_own_signature()
    {
        var manager = new MspManager([_org1.Msp(), _org2.Msp()]);
        using var signer = _org1.Signer(_org1.Issue("peer0.org1.example.com", NodeRole.Peer));

        var result = manager.Deserialize(signer.Serialize());

        Assert.True(result.IsValid, result.Error);
        var identity = Assert.IsType<X509Identity>(result.Identity);
        Assert.Equal("Org1MSP", identity.MspId);
        Assert.Equal(NodeRole.Peer, identity.Role);
        Assert.True(identity.Verify(Message, signer.Sign(Message)));
        Assert.False(identity.Verify("other"u8, signer.Sign(Message)));
    }

    [Fact]
    public void Identity_rejects_the_high_S_twin_of_its_signature()
    {
        var manager = new MspManager([_org1.Msp()]);
        using var signer = _org1.Signer(_org1.Issue("User1@org1.example.com", NodeRole.Client));
        var identity = manager.Deserialize(signer.Serialize()).Identity!;
        var (r, s) = Crypto.SignaturesTests.Decode(signer.Sign(Message));
        var order = System.Numerics.BigInteger.Parse(
            "0FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", System.Globalization.NumberStyles.HexNumber);

        Assert.False(identity.Verify(Message, Crypto.SignaturesTests.Encode(r, order - s)));
    }

    [Fact]
    public void Identity_of_an_MSP_outside_the_channel_is_rejected_naming_the_MSP()
    {
        var manager = new MspManager([_org1.Msp()]);
        using var issued = _org1.Issue("peer0", NodeRole.Peer);
        using var signer = new SigningIdentity("Org9MSP", issued.Certificate, issued.Key);

        var result = manager.Deserialize(signer.Serialize());

        Assert.False(result.IsValid);
        Assert.Equal("MSP 'Org9MSP' is not a member of this channel", result.Error);
    }

    [Fact]
    public void Expired_certificate_is_rejected_with_its_expiry_time()
    {
        var manager = new MspManager([_org1.Msp()]);
        using var signer = _org1.Signer(_org1.Issue("peer0", NodeRole.Peer,
            new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        var result = manager.Deserialize(signer.Serialize());

        Assert.Equal("certificate expired at 2025-01-01T00:00:00Z", result.Error);
    }

    [Fact]
    public void Cached_identity_is_rejected_once_its_certificate_expires()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var manager = new MspManager([_org1.Msp(clock)]);
        using var signer = _org1.Signer(_org1.Issue("peer0", NodeRole.Peer,
            new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.True(manager.Deserialize(signer.Serialize()).IsValid);
        Assert.Equal(1, manager.CachedIdentities);

        clock.Now = new DateTimeOffset(2031, 1, 2, 0, 0, 0, TimeSpan.Zero);
        var result = manager.Deserialize(signer.Serialize());

        Assert.Equal("certificate expired at 2031-01-01T00:00:00Z", result.Error);
    }

    [Fact]
    public void Revoked_certificate_is_rejected_naming_serial_and_MSP()
    {
        using var revoked = _org1.Issue("User2@org1.example.com", NodeRole.Client);
        using var kept = _org1.Issue("User1@org1.example.com", NodeRole.Client);
        _org1.Crls.Add(_org1.Ca.CreateCrlPem([revoked.Certificate]));
        var manager = new MspManager([_org1.Msp()]);

        var rejected = manager.Deserialize(_org1.Signer(revoked).Serialize());
        var accepted = manager.Deserialize(_org1.Signer(kept).Serialize());

        string serial = revoked.Certificate.SerialNumber;
        Assert.Equal($"certificate serial {serial} is revoked by a CRL of Org1MSP", rejected.Error);
        Assert.True(accepted.IsValid, accepted.Error);
    }

    [Fact]
    public void CRL_issued_by_a_foreign_CA_revokes_nothing()
    {
        using var issued = _org1.Issue("User1@org1.example.com", NodeRole.Client);
        _org1.Crls.Add(_org2.Ca.CreateCrlPem([issued.Certificate]));
        var manager = new MspManager([_org1.Msp()]);

        Assert.True(manager.Deserialize(_org1.Signer(issued).Serialize()).IsValid);
    }

    [Fact]
    public void Certificate_from_another_CA_does_not_chain_to_the_MSP()
    {
        var manager = new MspManager([_org1.Msp(), _org2.Msp()]);
        using var foreign = _org2.Issue("peer0.org2.example.com", NodeRole.Peer);
        using var posing = new SigningIdentity("Org1MSP", foreign.Certificate, foreign.Key);

        var result = manager.Deserialize(posing.Serialize());

        Assert.Equal("certificate does not chain to a root CA of Org1MSP", result.Error);
    }

    [Fact]
    public void Certificate_issued_by_an_intermediate_chains_only_when_the_intermediate_is_configured()
    {
        using var org = new TestOrg("Org3MSP", "org3.example.com", nodeOus: false);
        var intermediate = org.Ca.CreateIntermediate(new CaSubject("org3.example.com", "ica.org3.example.com"));
        using var issued = org.Issue("peer1.org3.example.com", role: null, by: intermediate);
        var without = new MspManager([org.Msp()]);
        org.Intermediates.Add(intermediate);
        var with = new MspManager([org.Msp()]);

        Assert.Equal("certificate does not chain to a root CA of Org3MSP", without.Deserialize(org.Signer(issued).Serialize()).Error);
        var accepted = with.Deserialize(org.Signer(issued).Serialize());
        Assert.True(accepted.IsValid, accepted.Error);
    }

    [Fact]
    public void CA_certificate_is_not_accepted_as_an_identity()
    {
        var manager = new MspManager([_org1.Msp()]);
        using var caSigner = new SigningIdentity("Org1MSP", _org1.Ca.Certificate, _org1.Ca.Key);

        Assert.Equal("a CA certificate cannot be used as an identity", manager.Deserialize(caSigner.Serialize()).Error);
    }

    [Fact]
    public void Identity_without_a_node_OU_is_rejected_when_NodeOUs_are_enabled()
    {
        var manager = new MspManager([_org1.Msp()]);
        using var signer = _org1.Signer(_org1.Issue("nobody", role: null));

        var result = manager.Deserialize(signer.Serialize());

        Assert.False(result.IsValid);
        Assert.Contains("no OU that resolves to a node role", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_serialized_identity_is_rejected()
    {
        var manager = new MspManager([_org1.Msp()]);
        var noCertificate = new SerializedIdentity { Mspid = "Org1MSP", IdBytes = ByteString.CopyFromUtf8("not a pem") };

        Assert.Equal("identity is not a valid SerializedIdentity", manager.Deserialize([0xFF, 0xFF, 0xFF]).Error);
        Assert.Contains("no PEM certificate", manager.Deserialize(noCertificate.ToByteArray()).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Identity_cache_stays_within_its_bound()
    {
        var manager = new MspManager([_org1.Msp()], cacheSize: 2);
        for (int i = 0; i < 3; i++)
        {
            using var issued = _org1.Issue($"User{i}", NodeRole.Client);
            Assert.True(manager.Deserialize(_org1.Signer(issued).Serialize()).IsValid);
        }

        Assert.Equal(2, manager.CachedIdentities);
    }

    [Fact]
    public void MSP_config_without_root_CA_is_refused_at_setup()
    {
        var config = _org1.FabricConfig();
        config.RootCerts.Clear();

        var result = FabricMsp.TryCreate(config);

        Assert.False(result.IsValid);
        Assert.Equal("MSP 'Org1MSP': it has no root CA certificate", result.Error);
    }
}
