using System.Text.Json;
using Fabricish.Protos.Common;
using Fabricish.Testing;
using Google.Protobuf;

namespace Fabricish.Protos.Tests;

/// <summary>Covers <c>tools/node/compat/decode.js</c>, which other test suites use to read Fabricish's
/// output with Fabric's official classes.</summary>
public class DecodeScriptTests
{
    [Fact]
    public async Task Decode_prints_the_official_object_with_bytes_as_base64()
    {
        var header = new BlockHeader { Number = 9, PreviousHash = ByteString.CopyFrom(1, 2, 3), DataHash = ByteString.CopyFrom(4) };

        string stdout = await CompatScripts.RunOkAsync("decode.js", ["common.BlockHeader"], header.ToByteArray());

        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(9, json.RootElement.GetProperty("number").GetInt64());
        Assert.Equal("AQID", json.RootElement.GetProperty("previousHash").GetString());
        Assert.Equal("BA==", json.RootElement.GetProperty("dataHash").GetString());
    }

    [Fact]
    public async Task Decode_prints_map_bytes_as_base64_pairs()
    {
        var input = new Peer.ChaincodeInput();
        input.Decorations.Add("k", ByteString.CopyFromUtf8("v"));

        string stdout = await CompatScripts.RunOkAsync("decode.js", ["protos.ChaincodeInput"], input.ToByteArray());

        using var json = JsonDocument.Parse(stdout);
        JsonElement pair = Assert.Single(json.RootElement.GetProperty("decorationsMap").EnumerateArray());
        Assert.Equal(["k", "dg=="], pair.EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Decode_fails_for_bytes_that_are_not_the_named_message()
    {
        NodeScript.Result result = await CompatScripts.RunAsync("decode.js", ["common.Block"], [0xFF, 0xFF]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("cannot decode", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decode_fails_for_an_unknown_message_type()
    {
        NodeScript.Result result = await CompatScripts.RunAsync("decode.js", ["common.NoSuchMessage"], []);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("unknown message type", result.Stderr, StringComparison.Ordinal);
    }
}
