using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Orderer.Tests;

/// <summary>Config updates shaped as <c>configtxlator compute_update</c> shapes them, and the CONFIG_UPDATE envelopes
/// carrying them: unchanged members of a changed group sit in both sets as version-only shells.</summary>
internal static class ConfigUpdates
{
    /// <summary>Adds <paramref name="org"/> (a full org group at version 0) to the Application group.</summary>
    public static ConfigUpdate AddApplicationOrg(string channelId, ConfigGroup channelGroup, string name, ConfigGroup org)
    {
        ConfigGroup application = channelGroup.Groups["Application"];
        var readSet = new ConfigGroup { Version = channelGroup.Version };
        readSet.Groups.Add("Application", Shell(application));
        ConfigGroup written = Shell(application);
        written.Version = application.Version + 1;
        written.ModPolicy = application.ModPolicy;
        written.Groups.Add(name, org.Clone());
        var writeSet = new ConfigGroup { Version = channelGroup.Version };
        writeSet.Groups.Add("Application", written);
        return new ConfigUpdate { ChannelId = channelId, ReadSet = readSet, WriteSet = writeSet };
    }

    /// <summary>Replaces /Channel/Orderer/BatchSize, keeping its mod_policy.</summary>
    public static ConfigUpdate SetBatchSize(string channelId, ConfigGroup channelGroup, BatchSize batchSize)
    {
        ConfigGroup orderer = channelGroup.Groups["Orderer"];
        ConfigValue current = orderer.Values["BatchSize"];
        var readSet = new ConfigGroup { Version = channelGroup.Version };
        readSet.Groups.Add("Orderer", new ConfigGroup { Version = orderer.Version });
        var writtenOrderer = new ConfigGroup { Version = orderer.Version };
        writtenOrderer.Values.Add("BatchSize", new ConfigValue { Version = current.Version + 1, ModPolicy = current.ModPolicy, Value = batchSize.ToByteString() });
        var writeSet = new ConfigGroup { Version = channelGroup.Version };
        writeSet.Groups.Add("Orderer", writtenOrderer);
        return new ConfigUpdate { ChannelId = channelId, ReadSet = readSet, WriteSet = writeSet };
    }

    /// <summary>Replaces the anchor peers of application org <paramref name="org"/>, keeping the value's mod_policy (the
    /// org's own Admins).</summary>
    public static ConfigUpdate SetAnchorPeers(string channelId, ConfigGroup channelGroup, string org, string host, int port)
    {
        ConfigGroup application = channelGroup.Groups["Application"];
        ConfigGroup orgGroup = application.Groups[org];
        ConfigValue current = orgGroup.Values["AnchorPeers"];
        var anchors = new AnchorPeers();
        anchors.AnchorPeers_.Add(new AnchorPeer { Host = host, Port = port });
        var readSet = new ConfigGroup { Version = channelGroup.Version };
        readSet.Groups.Add("Application", new ConfigGroup { Version = application.Version });
        readSet.Groups["Application"].Groups.Add(org, new ConfigGroup { Version = orgGroup.Version });
        var writtenOrg = new ConfigGroup { Version = orgGroup.Version };
        writtenOrg.Values.Add("AnchorPeers", new ConfigValue { Version = current.Version + 1, ModPolicy = current.ModPolicy, Value = anchors.ToByteString() });
        var writeSet = new ConfigGroup { Version = channelGroup.Version };
        writeSet.Groups.Add("Application", new ConfigGroup { Version = application.Version });
        writeSet.Groups["Application"].Groups.Add(org, writtenOrg);
        return new ConfigUpdate { ChannelId = channelId, ReadSet = readSet, WriteSet = writeSet };
    }

    /// <summary>The CONFIG_UPDATE envelope <paramref name="submitter"/> broadcasts, with one signature per signer.</summary>
    public static Envelope Envelope(ConfigUpdate update, string channelId, SigningIdentity submitter, params SigningIdentity[] signers)
    {
        var envelope = new ConfigUpdateEnvelope { ConfigUpdate = update.ToByteString() };
        foreach (SigningIdentity signer in signers)
        {
            envelope.Signatures.Add(TestEnvelopes.SignConfigUpdate(signer, envelope.ConfigUpdate));
        }

        return TestEnvelopes.Signed(submitter, channelId, HeaderType.ConfigUpdate, envelope.ToByteString());
    }

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
}
