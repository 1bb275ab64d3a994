using Fabricish.Protos.Common;
using Fabricish.Testing;
using Fabricish.Testing.Transactions;
using Google.Protobuf;

namespace Fabricish.Channels.Tests.Config.Update;

/// <summary>The CONFIG_UPDATE and CONFIG envelopes built around an update of the test network's channel.</summary>
internal static class ConfigTransactionEnvelopes
{
    /// <summary>The envelope of <paramref name="type"/> a client submits with <paramref name="data"/> (unsigned: the
    /// validator weighs the config signatures inside, never the envelope's own).</summary>
    public static Envelope Wrapped(HeaderType type, IMessage data) => new()
    {
        Payload = new Payload
        {
            Header = new Header { ChannelHeader = new ChannelHeader { Type = (int)type, ChannelId = TestNetwork.ChannelId }.ToByteString() },
            Data = data.ToByteString(),
        }.ToByteString(),
    };

    /// <summary>The CONFIG transaction's payload data: <paramref name="config"/> claimed to follow from <paramref name="update"/>.</summary>
    public static ConfigEnvelope ConfigTx(ConfigUpdateEnvelope update, Protos.Common.Config config) =>
        new() { Config = config, LastUpdate = Wrapped(HeaderType.ConfigUpdate, update) };
}
