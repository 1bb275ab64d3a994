using System.Security.Cryptography;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Fabricish.Testing.Transactions;
using Google.Protobuf;

namespace Fabricish.Committer.Tests.Support;

/// <summary>
/// Config changes of the test channel as admins propose them — the ConfigUpdate shaped by <see cref="ComputeUpdate"/> —
/// together with the configuration they lead to, worked out by hand (changed elements one version up, the sequence one
/// up), and the CONFIG transactions the ordering service orders for them.
/// </summary>
internal static class ConfigTransactions
{
    public const string Org1 = "Org1MSP";

    /// <summary>Org1's anchor peers replaced: a value change inside Org1's group, governed by Org1's Admins.</summary>
    public static (ConfigUpdate Update, Protos.Common.Config Next) SetAnchorPeers(Protos.Common.Config current, string host, int port)
    {
        var anchors = new AnchorPeers();
        anchors.AnchorPeers_.Add(new AnchorPeer { Host = host, Port = port });
        return SetValue(current, ["Application", Org1], "AnchorPeers", anchors.ToByteString());
    }

    /// <summary>/Channel/Orderer/BatchSize replaced: governed by the orderer org's Admins.</summary>
    public static (ConfigUpdate Update, Protos.Common.Config Next) SetBatchSize(Protos.Common.Config current, uint maxMessageCount)
    {
        var batchSize = new BatchSize { MaxMessageCount = maxMessageCount, AbsoluteMaxBytes = 1024 * 1024, PreferredMaxBytes = 512 * 1024 };
        return SetValue(current, ["Orderer"], "BatchSize", batchSize.ToByteString());
    }

    /// <summary>An ACLs value added to the Application group: its membership changes, so the group goes one version
    /// up under its own mod_policy, <c>/Channel/Application/Admins</c> (MAJORITY of the org admins).</summary>
    public static (ConfigUpdate Update, Protos.Common.Config Next) AddApplicationAcls(Protos.Common.Config current, string resource, string policyRef)
    {
        var acls = new ACLs();
        acls.Acls.Add(resource, new APIResource { PolicyRef = policyRef });
        var value = new ConfigValue { Version = 0, ModPolicy = "Admins", Value = acls.ToByteString() };
        ConfigUpdate update = ComputeUpdate.ChangeMembers(TestNetwork.ChannelId, current.ChannelGroup, "Application", application => application.Values.Add("ACLs", value));

        Protos.Common.Config next = NextOf(current);
        ConfigGroup nextApplication = next.ChannelGroup.Groups["Application"];
        nextApplication.Version++;
        nextApplication.Values.Add("ACLs", value.Clone());
        return (update, next);
    }

    /// <summary>The CONFIG transaction the orderer orders: <paramref name="update"/> signed by <paramref name="signers"/>
    /// and submitted by the first of them, with <paramref name="next"/> as the configuration it claims to lead to.</summary>
    public static Envelope ConfigTx(ConfigUpdate update, Protos.Common.Config next, params SigningIdentity[] signers)
    {
        ConfigUpdateEnvelope updateEnvelope = ConfigUpdateSignatures.Envelope(update, signers);
        Envelope lastUpdate = Signed(signers[0], HeaderType.ConfigUpdate, updateEnvelope.ToByteString());
        return Signed(TestNetwork.Shared.Orderer, HeaderType.Config, new ConfigEnvelope { Config = next, LastUpdate = lastUpdate }.ToByteString());
    }

    public static ConfigEnvelope ConfigEnvelopeOf(Envelope configTx) =>
        ConfigEnvelope.Parser.ParseFrom(Payload.Parser.ParseFrom(configTx.Payload).Data);

    /// <summary>A value replaced in the group at <paramref name="path"/> (below /Channel): only the value goes one version
    /// up; the groups leading to it are read and written at their current versions, as compute_update writes them.</summary>
    private static (ConfigUpdate Update, Protos.Common.Config Next) SetValue(Protos.Common.Config current, string[] path, string name, ByteString bytes)
    {
        ConfigUpdate update = ComputeUpdate.SetValue(TestNetwork.ChannelId, current.ChannelGroup, path, name, bytes);
        Protos.Common.Config next = NextOf(current);
        ConfigValue value = path.Aggregate(next.ChannelGroup, (group, element) => group.Groups[element]).Values[name];
        value.Version++;
        value.Value = bytes;
        return (update, next);
    }

    private static Protos.Common.Config NextOf(Protos.Common.Config current)
    {
        Protos.Common.Config next = current.Clone();
        next.Sequence++;
        return next;
    }

    private static ByteString SignatureHeaderOf(SigningIdentity signer) =>
        new SignatureHeader { Creator = ByteString.CopyFrom(signer.Serialize()), Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(24)) }.ToByteString();

    private static Envelope Signed(SigningIdentity signer, HeaderType type, ByteString data)
    {
        ByteString payload = new Payload
        {
            Header = new Header
            {
                ChannelHeader = new ChannelHeader { Type = (int)type, ChannelId = TestNetwork.ChannelId }.ToByteString(),
                SignatureHeader = SignatureHeaderOf(signer),
            },
            Data = data,
        }.ToByteString();
        return new Envelope { Payload = payload, Signature = ByteString.CopyFrom(signer.Sign(payload.Span)) };
    }
}
