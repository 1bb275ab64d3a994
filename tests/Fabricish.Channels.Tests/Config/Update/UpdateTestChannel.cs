using System.Security.Cryptography;
using Fabricish.Channels.Config;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Testing;
using Google.Protobuf;

namespace Fabricish.Channels.Tests.Config.Update;

/// <summary>The sample TwoOrgsChannel on fresh CAs with the admins that sign its updates, and the CONFIG_UPDATE and
/// CONFIG envelopes built around an update. Creating CAs is slow, so a test class shares one.</summary>
public sealed class UpdateTestChannel : IDisposable
{
    public const string ChannelId = "mychannel";

    private readonly List<IDisposable> _owned = [];

    public UpdateTestChannel()
    {
        SampleChannel sample = Own(new SampleChannel(ChannelId));
        (OrdererOrg, Org1, Org2, Config) = (sample.OrdererOrg, sample.Org1, sample.Org2, sample.Config);
        OrdererAdmin = Own(OrdererOrg.Identity("Admin@example.com", NodeRole.Admin));
        Org1Admin = Own(Org1.Identity("Admin@org1.example.com", NodeRole.Admin));
        Org1Client = Own(Org1.Identity("User1@org1.example.com", NodeRole.Client));
        Org2Admin = Own(Org2.Identity("Admin@org2.example.com", NodeRole.Admin));
    }

    public TestOrg OrdererOrg { get; }

    public TestOrg Org1 { get; }

    public TestOrg Org2 { get; }

    public SigningIdentity OrdererAdmin { get; }

    public SigningIdentity Org1Admin { get; }

    public SigningIdentity Org1Client { get; }

    public SigningIdentity Org2Admin { get; }

    public ChannelConfig Config { get; }

    /// <summary>A copy of the channel's config proto, to derive expected configurations from.</summary>
    public Protos.Common.Config Proto => Config.CloneConfig();

    /// <summary>The ConfigUpdateEnvelope carrying <paramref name="update"/> with one signature per signer, as
    /// <c>peer channel signconfigtx</c> collects them.</summary>
    public static ConfigUpdateEnvelope Signed(ConfigUpdate update, params SigningIdentity[] signers)
    {
        var envelope = new ConfigUpdateEnvelope { ConfigUpdate = update.ToByteString() };
        foreach (SigningIdentity signer in signers)
        {
            ByteString header = new SignatureHeader
            {
                Creator = ByteString.CopyFrom(signer.Serialize()),
                Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(24)),
            }.ToByteString();
            envelope.Signatures.Add(new ConfigSignature { SignatureHeader = header, Signature = ByteString.CopyFrom(signer.Sign([.. header.Span, .. envelope.ConfigUpdate.Span])) });
        }

        return envelope;
    }

    /// <summary>The envelope of <paramref name="type"/> a client submits with <paramref name="data"/> (unsigned: the
    /// validator weighs the config signatures inside, never the envelope's own).</summary>
    public static Envelope Wrapped(HeaderType type, IMessage data) => new()
    {
        Payload = new Payload
        {
            Header = new Header { ChannelHeader = new ChannelHeader { Type = (int)type, ChannelId = ChannelId }.ToByteString() },
            Data = data.ToByteString(),
        }.ToByteString(),
    };

    /// <summary>The CONFIG transaction's payload data: <paramref name="config"/> claimed to follow from <paramref name="update"/>.</summary>
    public static ConfigEnvelope ConfigTx(ConfigUpdateEnvelope update, Protos.Common.Config config) =>
        new() { Config = config, LastUpdate = Wrapped(HeaderType.ConfigUpdate, update) };

    public T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public void Dispose()
    {
        for (int i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }
}
