using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Protos.Peer;
using Fabricish.Testing.Transactions;
using Google.Protobuf;

namespace Fabricish.Orderer.Tests;

/// <summary>The config updates the orderer tests propose (shaped by <see cref="ComputeUpdate"/>), and the CONFIG_UPDATE
/// envelopes carrying them.</summary>
internal static class ConfigUpdates
{
    /// <summary>Adds <paramref name="org"/> (a full org group at version 0) to the Application group.</summary>
    public static ConfigUpdate AddApplicationOrg(string channelId, ConfigGroup channelGroup, string name, ConfigGroup org) =>
        ComputeUpdate.ChangeMembers(channelId, channelGroup, "Application", application => application.Groups.Add(name, org.Clone()));

    /// <summary>Replaces /Channel/Orderer/BatchSize, keeping its mod_policy.</summary>
    public static ConfigUpdate SetBatchSize(string channelId, ConfigGroup channelGroup, BatchSize batchSize) =>
        ComputeUpdate.SetValue(channelId, channelGroup, ["Orderer"], "BatchSize", batchSize.ToByteString());

    /// <summary>Replaces the anchor peers of application org <paramref name="org"/>, keeping the value's mod_policy (the
    /// org's own Admins).</summary>
    public static ConfigUpdate SetAnchorPeers(string channelId, ConfigGroup channelGroup, string org, string host, int port)
    {
        var anchors = new AnchorPeers();
        anchors.AnchorPeers_.Add(new AnchorPeer { Host = host, Port = port });
        return ComputeUpdate.SetValue(channelId, channelGroup, ["Application", org], "AnchorPeers", anchors.ToByteString());
    }

    /// <summary>The CONFIG_UPDATE envelope <paramref name="submitter"/> broadcasts, with one signature per signer.</summary>
    public static Envelope Envelope(ConfigUpdate update, string channelId, SigningIdentity submitter, params SigningIdentity[] signers)
    {
        ConfigUpdateEnvelope envelope = ConfigUpdateSignatures.Envelope(update, signers);
        return TestEnvelopes.Signed(submitter, channelId, HeaderType.ConfigUpdate, envelope.ToByteString());
    }
}
