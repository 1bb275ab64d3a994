using Fabricish.Channels.Msp;
using Fabricish.Peer.PrivateData;
using Fabricish.Protos.PrivateData;
using Fabricish.Testing;
using Google.Protobuf;

namespace Fabricish.Peer.Tests.PrivateData;

/// <summary>Who may push or pull private data: a peer of an organization of the channel, proven by its signature.</summary>
public sealed class PrivateDataMessagesTests
{
    private static TestNetwork Network => TestNetwork.Shared;

    [Fact]
    public void A_message_signed_by_a_peer_of_a_channel_org_is_accepted_as_that_org()
    {
        SignedPrivateDataMessage message = PrivateDataMessages.Sign(Pull(), Network.Org2Peer);

        IIdentity? sender = PrivateDataMessages.VerifySender(message, Network.Config, out string? refusal);

        Assert.Null(refusal);
        Assert.Equal("Org2MSP", sender!.MspId);
    }

    [Fact]
    public void A_client_of_a_channel_org_is_refused_as_not_a_peer()
    {
        SignedPrivateDataMessage message = PrivateDataMessages.Sign(Pull(), Network.Org1Client);

        Assert.Null(PrivateDataMessages.VerifySender(message, Network.Config, out string? refusal));
        Assert.Equal("the sender is not a peer of Org1MSP", refusal);
    }

    [Fact]
    public void An_identity_of_an_org_outside_the_channel_is_refused()
    {
        SignedPrivateDataMessage message = PrivateDataMessages.Sign(Pull(), Network.OutsiderClient);

        Assert.Null(PrivateDataMessages.VerifySender(message, Network.Config, out string? refusal));
        Assert.StartsWith("the sender's identity is not valid on channel mychannel", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_payload_altered_after_signing_is_refused()
    {
        SignedPrivateDataMessage message = PrivateDataMessages.Sign(Pull(), Network.Org2Peer);
        PrivateDataPull altered = Pull();
        altered.TxId = "another";
        message.Payload = altered.ToByteString();

        Assert.Null(PrivateDataMessages.VerifySender(message, Network.Config, out string? refusal));
        Assert.StartsWith("the signature over the private data message", refusal, StringComparison.Ordinal);
    }

    private static PrivateDataPull Pull() => new()
    {
        ChannelId = TestNetwork.ChannelId,
        TxId = "tx1",
        Collections = { new CollectionReference { Namespace = "privatedata", Collection = "Org1Secrets" } },
    };
}
