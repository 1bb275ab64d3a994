using Fabricish.Committer.Tests.Support;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Fabricish.Testing.Transactions;
using Google.Protobuf;

namespace Fabricish.Committer.Tests;

/// <summary>The committer reads an envelope's outer layers (Envelope, Payload, Transaction, TransactionAction, the
/// action's SignatureHeader) from the wire bytes in place rather than through Google.Protobuf, which copies every
/// bytes field: it must read them exactly as protobuf does (and Fabric's Go peers do), or two peers could judge one
/// transaction differently. Each case checks Google.Protobuf's own reading of the same bytes first.</summary>
public sealed class EnvelopeWireFormTests
{
    private static TestNetwork Net => TestNetwork.Shared;

    [Fact]
    public async Task The_last_payload_wins_and_unknown_fields_and_groups_are_skipped_as_protobuf_does()
    {
        byte[] envelope = Transaction().ToByteArray();
        byte[] decoyPayload = [0x0A, 0x03, 0xFF, 0xFF, 0xFF];
        byte[] unknownVarint = [0x48, 0x05];
        byte[] unknownGroup = [0x53, 0x08, 0x01, 0x54];
        byte[] reordered = [.. decoyPayload, .. envelope, .. unknownVarint, .. unknownGroup];
        Assert.Equal(Envelope.Parser.ParseFrom(envelope).Payload, Envelope.Parser.ParseFrom(reordered).Payload);

        Assert.Equal([TxValidationCode.Valid], await CodesAsync(ByteString.CopyFrom(reordered)));
    }

    [Fact]
    public async Task A_truncated_envelope_or_a_stray_end_group_tag_does_not_parse()
    {
        byte[] envelope = Transaction().ToByteArray();
        byte[] truncated = envelope[..^5];
        byte[] strayEndGroup = [.. envelope, 0x54];
        Assert.Throws<InvalidProtocolBufferException>(() => Envelope.Parser.ParseFrom(truncated));
        Assert.Throws<InvalidProtocolBufferException>(() => Envelope.Parser.ParseFrom(strayEndGroup));

        Assert.Equal(
            [TxValidationCode.InvalidOtherReason, TxValidationCode.InvalidOtherReason],
            await CodesAsync(ByteString.CopyFrom(truncated), ByteString.CopyFrom(strayEndGroup)));
    }

    [Fact]
    public async Task Header_occurrences_in_a_payload_merge_as_protobuf_merges_them()
    {
        Payload payload = Payload.Parser.ParseFrom(Transaction().Payload);
        byte[] split =
        [
            .. Field(1, new Header { ChannelHeader = payload.Header.ChannelHeader }.ToByteArray()),
            .. Field(1, new Header { SignatureHeader = payload.Header.SignatureHeader }.ToByteArray()),
            .. Field(2, payload.Data.ToByteArray()),
        ];
        Assert.Equal(payload, Payload.Parser.ParseFrom(split));

        Assert.Equal([TxValidationCode.Valid], await CodesAsync(Signed(split)));
    }

    [Fact]
    public async Task A_transaction_with_two_actions_or_an_action_header_without_nonce_is_INVALID_ENDORSER_TRANSACTION()
    {
        Payload twoActions = Payload.Parser.ParseFrom(Transaction().Payload);
        Transaction transaction = Protos.Peer.Transaction.Parser.ParseFrom(twoActions.Data);
        transaction.Actions.Add(transaction.Actions[0].Clone());
        twoActions.Data = transaction.ToByteString();
        Payload nonceless = Payload.Parser.ParseFrom(Transaction().Payload);
        Transaction single = Protos.Peer.Transaction.Parser.ParseFrom(nonceless.Data);
        SignatureHeader actionHeader = SignatureHeader.Parser.ParseFrom(single.Actions[0].Header);
        actionHeader.Nonce = ByteString.Empty;
        single.Actions[0].Header = actionHeader.ToByteString();
        nonceless.Data = single.ToByteString();

        Assert.Equal(
            [TxValidationCode.InvalidEndorserTransaction, TxValidationCode.InvalidEndorserTransaction],
            await CodesAsync(Signed(twoActions.ToByteArray()), Signed(nonceless.ToByteArray())));
    }

    private static Envelope Transaction() => new EndorsedTransaction(Net.Org1Client, new RwSet().Write("k", "v").Build()).Build();

    private static ByteString Signed(byte[] payload) =>
        new Envelope { Payload = ByteString.CopyFrom(payload), Signature = ByteString.CopyFrom(Net.Org1Client.Sign(payload)) }.ToByteString();

    private static byte[] Field(int number, byte[] value)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        output.WriteTag(number, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(value));
        output.Flush();
        return stream.ToArray();
    }

    private static async Task<IReadOnlyList<TxValidationCode>> CodesAsync(params ByteString[] envelopes)
    {
        var chain = TestNetwork.Shared.NewChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain);
        Block block = chain.Cut(envelopes.Select(_ => new Envelope()));
        for (int i = 0; i < envelopes.Length; i++)
        {
            // Cut takes messages and some of the bytes under test do not parse: they go in as they are, and the data
            // hash follows them.
            block.Data.Data[i] = envelopes[i];
        }

        block.Header.DataHash = ByteString.CopyFrom(Channels.Blocks.BlockHashing.DataHash(block.Data));
        return (await peer.CommitAsync(block)).Codes;
    }
}
