using System.Text.Json;
using Fabricish.Channels.Config.Profile;
using Fabricish.Channels.Genesis;
using Fabricish.Protos.Common;
using Fabricish.Testing;
using Google.Protobuf;

namespace Fabricish.Channels.Tests.Config;

/// <summary>The genesis block read back by Hyperledger's own JavaScript protobuf classes.</summary>
public sealed class GenesisBlockNodeCompatTests : IDisposable
{
    private static readonly string DecodeScript = Path.Combine(RepoPaths.Root, "tools", "node", "compat", "decode.js");
    private readonly TestMsps _msps = new();

    public void Dispose() => _msps.Dispose();

    private static async Task<JsonElement> DecodeAsync(string type, ByteString bytes)
    {
        NodeScript.Result result = await NodeScript.RunAsync(DecodeScript, [type], bytes.ToByteArray());
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    /// <summary>toObject() renders a proto map as [key, value] pairs.</summary>
    private static JsonElement MapEntry(JsonElement map, string key) =>
        map.EnumerateArray().Single(e => e[0].GetString() == key)[1];

    [Fact]
    public async Task Official_fabric_protos_decode_the_genesis_block_its_config_and_batch_size()
    {
        var profile = ChannelProfileLoader.LoadFile(_msps.SampleYaml, "TwoOrgsChannel", "/crypto").Value!;
        Block block = GenesisBlockBuilder.Build("mychannel", ChannelGroupBuilder.Build(profile, _msps.Source).Value!).Value!;

        JsonElement js = await DecodeAsync("common.Block", block.ToByteString());
        Assert.Equal(0, js.GetProperty("header").GetProperty("number").GetInt32());
        Assert.Equal(Convert.ToBase64String(block.Header.DataHash.Span), js.GetProperty("header").GetProperty("dataHash").GetString());
        Assert.Equal(5, js.GetProperty("metadata").GetProperty("metadataList").GetArrayLength());

        Payload payload = Payload.Parser.ParseFrom(Envelope.Parser.ParseFrom(block.Data.Data[0]).Payload);
        JsonElement channelHeader = await DecodeAsync("common.ChannelHeader", payload.Header.ChannelHeader);
        Assert.Equal("mychannel", channelHeader.GetProperty("channelId").GetString());
        Assert.Equal(1, channelHeader.GetProperty("type").GetInt32());

        JsonElement config = await DecodeAsync("common.ConfigEnvelope", payload.Data);
        JsonElement channelGroup = config.GetProperty("config").GetProperty("channelGroup");
        Assert.Equal(
            ["Application", "Orderer"],
            channelGroup.GetProperty("groupsMap").EnumerateArray().Select(e => e[0].GetString()!).Order(StringComparer.Ordinal));
        JsonElement orderer = MapEntry(channelGroup.GetProperty("groupsMap"), "Orderer");
        Assert.Equal(
            ["Org1MSP", "Org2MSP"],
            MapEntry(channelGroup.GetProperty("groupsMap"), "Application").GetProperty("groupsMap").EnumerateArray().Select(e => e[0].GetString()!));
        string batchSizeBytes = MapEntry(orderer.GetProperty("valuesMap"), "BatchSize").GetProperty("value").GetString()!;

        JsonElement batchSize = await DecodeAsync("orderer.BatchSize", ByteString.FromBase64(batchSizeBytes));
        Assert.Equal(10, batchSize.GetProperty("maxMessageCount").GetInt32());
        Assert.Equal(10 * 1024 * 1024, batchSize.GetProperty("absoluteMaxBytes").GetInt32());
        Assert.Equal(512 * 1024, batchSize.GetProperty("preferredMaxBytes").GetInt32());
    }
}
