using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Cli.Channel;

/// <summary>The config a config block carries (its single CONFIG envelope's ConfigEnvelope), as configtxlator's
/// users extract <c>.data.data[0].payload.data.config</c>.</summary>
internal static class ConfigBlockReader
{
    public static ConfigEnvelope? Read(Block block, out string? error)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Data is null || block.Data.Data.Count != 1)
        {
            error = $"block {block.Header?.Number} is not a config block: it holds {block.Data?.Data.Count ?? 0} envelopes";
            return null;
        }

        try
        {
            Payload payload = Payload.Parser.ParseFrom(Envelope.Parser.ParseFrom(block.Data.Data[0]).Payload);
            ChannelHeader header = ChannelHeader.Parser.ParseFrom(payload.Header?.ChannelHeader ?? ByteString.Empty);
            if (header.Type != (int)HeaderType.Config)
            {
                error = $"block {block.Header?.Number} is not a config block: its envelope is a {(HeaderType)header.Type}";
                return null;
            }

            ConfigEnvelope config = ConfigEnvelope.Parser.ParseFrom(payload.Data);
            error = config.Config?.ChannelGroup is null ? $"block {block.Header?.Number} holds a config without a channel group" : null;
            return error is null ? config : null;
        }
        catch (InvalidProtocolBufferException e)
        {
            error = $"block {block.Header?.Number} is not a config block: {e.Message}";
            return null;
        }
    }
}
