using System.Security.Cryptography;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Committer.Tests.Support;

/// <summary>
/// Config changes of the test channel as admins propose them — the ConfigUpdate shaped as <c>configtxlator
/// compute_update</c> shapes it — together with the configuration they lead to, worked out by hand (changed elements
/// one version up, the sequence one up), and the CONFIG transactions the ordering service orders for them.
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
        ConfigGroup application = current.ChannelGroup.Groups["Application"];

        var readSet = new ConfigGroup { Version = current.ChannelGroup.Version };
        readSet.Groups.Add("Application", Shell(application));
        ConfigGroup written = Shell(application);
        written.Version = application.Version + 1;
        written.ModPolicy = application.ModPolicy;
        written.Values.Add("ACLs", value);
        var writeSet = new ConfigGroup { Version = current.ChannelGroup.Version };
        writeSet.Groups.Add("Application", written);

        Protos.Common.Config next = NextOf(current);
        ConfigGroup nextApplication = next.ChannelGroup.Groups["Application"];
        nextApplication.Version++;
        nextApplication.Values.Add("ACLs", value.Clone());
        return (new ConfigUpdate { ChannelId = TestNetwork.ChannelId, ReadSet = readSet, WriteSet = writeSet }, next);
    }

    /// <summary>The CONFIG transaction the orderer orders: <paramref name="update"/> signed by <paramref name="signers"/>
    /// and submitted by the first of them, with <paramref name="next"/> as the configuration it claims to lead to.</summary>
    public static Envelope ConfigTx(ConfigUpdate update, Protos.Common.Config next, params SigningIdentity[] signers)
    {
        ByteString updateBytes = update.ToByteString();
        var updateEnvelope = new ConfigUpdateEnvelope { ConfigUpdate = updateBytes };
        foreach (SigningIdentity signer in signers)
        {
            ByteString header = SignatureHeaderOf(signer);
            updateEnvelope.Signatures.Add(new ConfigSignature { SignatureHeader = header, Signature = ByteString.CopyFrom(signer.Sign([.. header.Span, .. updateBytes.Span])) });
        }

        Envelope lastUpdate = Signed(signers[0], HeaderType.ConfigUpdate, updateEnvelope.ToByteString());
        return Signed(TestNetwork.Shared.Orderer, HeaderType.Config, new ConfigEnvelope { Config = next, LastUpdate = lastUpdate }.ToByteString());
    }

    public static ConfigEnvelope ConfigEnvelopeOf(Envelope configTx) =>
        ConfigEnvelope.Parser.ParseFrom(Payload.Parser.ParseFrom(configTx.Payload).Data);

    /// <summary>A value replaced in the group at <paramref name="path"/> (below /Channel): only the value goes one version
    /// up; the groups leading to it are read and written at their current versions, as compute_update writes them.</summary>
    private static (ConfigUpdate Update, Protos.Common.Config Next) SetValue(Protos.Common.Config current, string[] path, string name, ByteString bytes)
    {
        var readSet = new ConfigGroup { Version = current.ChannelGroup.Version };
        var writeSet = new ConfigGroup { Version = current.ChannelGroup.Version };
        Protos.Common.Config next = NextOf(current);
        ConfigGroup group = current.ChannelGroup;
        ConfigGroup nextGroup = next.ChannelGroup;
        ConfigGroup read = readSet;
        ConfigGroup written = writeSet;
        foreach (string element in path)
        {
            group = group.Groups[element];
            nextGroup = nextGroup.Groups[element];
            var readChild = new ConfigGroup { Version = group.Version };
            var writtenChild = new ConfigGroup { Version = group.Version };
            read.Groups.Add(element, readChild);
            written.Groups.Add(element, writtenChild);
            (read, written) = (readChild, writtenChild);
        }

        ConfigValue existing = group.Values[name];
        var value = new ConfigValue { Version = existing.Version + 1, ModPolicy = existing.ModPolicy, Value = bytes };
        written.Values.Add(name, value);
        nextGroup.Values[name] = value.Clone();
        return (new ConfigUpdate { ChannelId = TestNetwork.ChannelId, ReadSet = readSet, WriteSet = writeSet }, next);
    }

    private static Protos.Common.Config NextOf(Protos.Common.Config current)
    {
        Protos.Common.Config next = current.Clone();
        next.Sequence++;
        return next;
    }

    /// <summary>A group's members at their current versions, and nothing else.</summary>
    private static ConfigGroup Shell(ConfigGroup group)
    {
        var shell = new ConfigGroup { Version = group.Version };
        foreach (var (name, child) in group.Groups)
        {
            shell.Groups.Add(name, new ConfigGroup { Version = child.Version });
        }

        foreach (var (name, value) in group.Values)
        {
            shell.Values.Add(name, new ConfigValue { Version = value.Version });
        }

        foreach (var (name, policy) in group.Policies)
        {
            shell.Policies.Add(name, new ConfigPolicy { Version = policy.Version });
        }

        return shell;
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
