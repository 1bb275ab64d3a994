using Fabricish.Channels.Config;
using Fabricish.Channels.Genesis;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Testing;
using Google.Protobuf;

namespace Fabricish.Orderer.Tests.Host;

/// <summary>A Kafka channel of the sample network for host tests: small batches and a short timeout so blocks form
/// quickly, a 32 KB AbsoluteMaxBytes so oversized envelopes are cheap to make, and helpers for envelopes.</summary>
internal sealed class HostTestChannel : IDisposable
{
    public const uint AbsoluteMaxBytes = 32 * 1024;

    public HostTestChannel(string channelId, uint maxMessageCount = 5, uint absoluteMaxBytes = AbsoluteMaxBytes)
    {
        ChannelId = channelId;
        Network = new TestNetwork(adjust: p => p with
        {
            Orderer = p.Orderer! with
            {
                BatchTimeout = TimeSpan.FromMilliseconds(300),
                BatchSize = new Channels.Config.Profile.BatchSizeSpec(maxMessageCount, absoluteMaxBytes, absoluteMaxBytes / 2),
            },
        });
        Genesis = Network.Channel.GenesisFor(channelId);
        Outsider = Network.Own(new TestOrg("Org9MSP", "org9.example.com"));
    }

    public string ChannelId { get; }

    public TestNetwork Network { get; }

    public Block Genesis { get; }

    /// <summary>An organization the channel does not know: it is neither reader nor writer.</summary>
    public TestOrg Outsider { get; }

    public SigningIdentity NewOrdererIdentity(int index) =>
        Network.Own(Network.OrdererOrg.Identity($"orderer{index}.example.com", NodeRole.Orderer));

    public Envelope NewEnvelope(int payloadBytes = 64) =>
        TestEnvelopes.Signed(Network.Org1Client, ChannelId, data: ByteString.CopyFrom(new byte[payloadBytes]));

    public Envelope SeekEnvelope(SigningIdentity requester, SeekPosition start, SeekPosition stop, SeekInfo.Types.SeekBehavior behavior)
    {
        var seek = new SeekInfo { Start = start, Stop = stop, Behavior = behavior };
        return TestEnvelopes.Signed(requester, ChannelId, HeaderType.DeliverSeekInfo, seek.ToByteString());
    }

    public static SeekPosition Oldest => new() { Oldest = new SeekOldest() };

    public static SeekPosition Newest => new() { Newest = new SeekNewest() };

    public static SeekPosition At(ulong number) => new() { Specified = new SeekSpecified { Number = number } };

    public static string TxId(Envelope envelope) => Kafka.KafkaTestChannel.TxId(envelope);

    public static IEnumerable<string> TxIds(Block block) => Kafka.KafkaTestChannel.TxIds(block);

    public void Dispose() => Network.Dispose();
}
