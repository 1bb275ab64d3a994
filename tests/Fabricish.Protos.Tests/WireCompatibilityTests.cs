using System.Text.Json;
using Fabricish.Protos.Common;
using Fabricish.Testing;
using Google.Protobuf;

namespace Fabricish.Protos.Tests;

/// <summary>Proves Fabricish's schemas are wire-compatible with Fabric v2.5 in both directions, using the
/// official @hyperledger/fabric-protos classes as the reference implementation.</summary>
public class WireCompatibilityTests
{
    private static JsonElement Fixture => FixtureJson.Root;

    [Fact]
    public async Task Signed_proposal_built_by_fabric_js_parses_with_every_field_intact()
    {
        JsonElement built = await CompatScripts.NodeBuiltAsync();
        CompatAssertions.SignedProposal(Fixture, built.Bytes("signedProposal"));
    }

    [Fact]
    public async Task Endorser_transaction_envelope_built_by_fabric_js_parses_with_every_field_intact()
    {
        JsonElement built = await CompatScripts.NodeBuiltAsync();
        CompatAssertions.Envelope(Fixture, built.Bytes("envelope"));
    }

    [Fact]
    public async Task Block_built_by_fabric_js_parses_with_every_field_intact()
    {
        JsonElement built = await CompatScripts.NodeBuiltAsync();
        CompatAssertions.Block(Fixture, built.Bytes("block"));
    }

    [Fact]
    public async Task Messages_built_by_fabricish_pass_fabric_js_field_by_field_check()
    {
        string stdout = await CompatScripts.RunOkAsync("check.js", [], CheckInput(FabricishBuilt()));
        Assert.Contains("ok: 3 message(s) match", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("signedProposal")]
    [InlineData("envelope")]
    [InlineData("block")]
    public async Task Fabricish_encoding_is_byte_identical_to_fabric_js_encoding(string message)
    {
        // Deterministic because the fixture's maps have one entry each and both encoders write fields in number order.
        JsonElement built = await CompatScripts.NodeBuiltAsync();
        Assert.Equal(built.Bytes(message).ToBase64(), FabricishBuilt()[message].ToBase64());
    }

    [Fact]
    public async Task Fabric_js_check_names_the_field_a_wrong_encoding_got_wrong()
    {
        Envelope tampered = WithChannelId(CompatMessageBuilder.Envelope(Fixture), "otherchannel");

        NodeScript.Result result = await CompatScripts.RunAsync(
            "check.js", [], CheckInput(new Dictionary<string, ByteString> { ["envelope"] = tampered.ToByteString() }));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("envelope.payload.header.channelHeader.channelId", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Fabricish_field_checks_reject_an_envelope_that_differs_in_one_nested_field()
    {
        Envelope tampered = WithChannelId(CompatMessageBuilder.Envelope(Fixture), "otherchannel");

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => CompatAssertions.Envelope(Fixture, tampered.ToByteString()));
    }

    private static Dictionary<string, ByteString> FabricishBuilt() => new()
    {
        ["signedProposal"] = CompatMessageBuilder.SignedProposal(Fixture).ToByteString(),
        ["envelope"] = CompatMessageBuilder.Envelope(Fixture).ToByteString(),
        ["block"] = CompatMessageBuilder.Block(Fixture).ToByteString(),
    };

    private static byte[] CheckInput(Dictionary<string, ByteString> messages) =>
        JsonSerializer.SerializeToUtf8Bytes(messages.ToDictionary(m => m.Key, m => m.Value.ToBase64()));

    private static Envelope WithChannelId(Envelope envelope, string channelId)
    {
        var payload = Payload.Parser.ParseFrom(envelope.Payload);
        var channelHeader = ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader);
        channelHeader.ChannelId = channelId;
        payload.Header.ChannelHeader = channelHeader.ToByteString();
        return new Envelope { Payload = payload.ToByteString(), Signature = envelope.Signature };
    }
}
