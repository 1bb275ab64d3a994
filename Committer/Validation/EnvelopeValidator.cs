using System.Buffers;
using System.Security.Cryptography;
using Fabricish.Channels.Msp;
using Fabricish.Protos;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Committer.Validation;

/// <summary>Fabric's <c>validation.ValidateTransaction</c> (core/common/validation/msgvalidation.go): the envelope is
/// well formed, its creator is a valid member who signed the payload, an endorser transaction's id is derived from
/// its nonce and creator, and its single action's proposal hash matches what the endorsers signed. Codes and their
/// order follow Fabric so that both peers mark the same transaction the same way.</summary>
internal static class EnvelopeValidator
{
    private const string MalformedWire = "malformed protobuf wire format";

    /// <param name="prechecked">What <see cref="BlockPrecheck"/> found for this envelope, if anything: when the creator
    /// resolves to the identity whose signature it verified, the rest of its checks (pure functions of the envelope's
    /// bytes) hold as they did, and its outcome is this one.</param>
    public static EnvelopeCheck Validate(ByteString data, IIdentityDeserializer deserializer, PrecheckedTransaction? prechecked = null)
    {
        if (prechecked is { Envelope: { Envelope: { Creator: { } verified } parsedBefore } before }
            && ReferenceEquals(deserializer.Deserialize(parsedBefore.SignatureHeader.Creator.Span).Identity, verified))
        {
            return before;
        }

        if (data.IsEmpty)
        {
            return EnvelopeCheck.Fail(TxValidationCode.NilEnvelope, "nil envelope");
        }

        // The outer layers are read in place: Google.Protobuf would copy the payload, its data and the action's payload
        // once per layer. The payload's data is a view of the block's own bytes, which never change.
        ReadOnlyMemory<byte> raw = data.Memory;
        if (!BytesFields(raw.Span, out ReadOnlySpan<byte> payloadBytes, out ReadOnlySpan<byte> signature))
        {
            return EnvelopeCheck.Fail(TxValidationCode.InvalidOtherReason, "envelope does not parse: " + MalformedWire);
        }

        if (ReadPayload(raw, payloadBytes, out string? payloadError) is not { } payload)
        {
            return EnvelopeCheck.Fail(TxValidationCode.BadPayload, "payload does not parse: " + payloadError);
        }

        if (CommonHeader(payload.Header, out ChannelHeader? channelHeader, out SignatureHeader? signatureHeader) is { } headerError)
        {
            return EnvelopeCheck.Fail(TxValidationCode.BadCommonHeader, headerError);
        }

        var parsed = new ParsedEnvelope { Payload = payload, ChannelHeader = channelHeader!, SignatureHeader = signatureHeader! };
        IdentityResult creator = deserializer.Deserialize(signatureHeader!.Creator.Span);
        if (creator.Identity is not { } identity)
        {
            return EnvelopeCheck.Fail(TxValidationCode.BadCreatorSignature, "creator is not a valid member: " + creator.Error, parsed);
        }

        if (!identity.Verify(payloadBytes, signature))
        {
            return EnvelopeCheck.Fail(TxValidationCode.BadCreatorSignature, "creator's signature over the payload is not valid", parsed);
        }

        parsed.Creator = identity;

        switch ((HeaderType)channelHeader!.Type)
        {
            case HeaderType.EndorserTransaction:
                if (!TxIdMatches(channelHeader.TxId, signatureHeader))
                {
                    return EnvelopeCheck.Fail(TxValidationCode.BadProposalTxid, $"txid {channelHeader.TxId} is not the hash of nonce and creator", parsed);
                }

                return EndorserTransaction(payload, parsed);
            case HeaderType.Config:
                // Signatures inside the config update are judged by the config handler; at genesis the outer
                // envelope may carry none.
                return payload.Data.IsEmpty
                    ? EnvelopeCheck.Fail(TxValidationCode.InvalidConfigTransaction, "config transaction has no data", parsed)
                    : new EnvelopeCheck(TxValidationCode.Valid, null, parsed);
            default:
                return EnvelopeCheck.Fail(TxValidationCode.UnsupportedTxPayload, $"unsupported transaction type {(HeaderType)channelHeader.Type}", parsed);
        }
    }

    /// <summary>Fields 1 and 2 of a message whose only fields are two bytes fields (Envelope, TransactionAction,
    /// SignatureHeader), as protobuf parses them: the last occurrence wins, a field of another wire type is unknown
    /// and skipped. False when the message is malformed.</summary>
    private static bool BytesFields(ReadOnlySpan<byte> message, out ReadOnlySpan<byte> first, out ReadOnlySpan<byte> second)
    {
        first = default;
        second = default;
        var wire = new ProtoWire(message);
        while (wire.Next())
        {
            if (!wire.IsLengthDelimited)
            {
                continue;
            }

            if (wire.Field == 1)
            {
                first = wire.Value;
            }
            else if (wire.Field == 2)
            {
                second = wire.Value;
            }
        }

        return !wire.Malformed;
    }

    /// <summary>Payload { Header header = 1; bytes data = 2; } as protobuf parses it (occurrences of the header merge,
    /// the last data wins), with the data a view of <paramref name="envelope"/> rather than a copy.</summary>
    private static Payload? ReadPayload(ReadOnlyMemory<byte> envelope, ReadOnlySpan<byte> payloadBytes, out string? error)
    {
        error = null;
        Header? header = null;
        ReadOnlySpan<byte> data = default;
        var wire = new ProtoWire(payloadBytes);
        while (wire.Next())
        {
            if (!wire.IsLengthDelimited)
            {
                continue;
            }

            if (wire.Field == 1)
            {
                header ??= new Header();
                try
                {
                    header.MergeFrom(wire.Value);
                }
                catch (InvalidProtocolBufferException e)
                {
                    error = e.Message;
                    return null;
                }
            }
            else if (wire.Field == 2)
            {
                data = wire.Value;
            }
        }

        if (wire.Malformed)
        {
            error = MalformedWire;
            return null;
        }

        return new Payload { Header = header, Data = data.IsEmpty ? ByteString.Empty : UnsafeByteOperations.UnsafeWrap(ViewOf(envelope, data)) };
    }

    /// <summary>The part of <paramref name="whole"/> that <paramref name="part"/>, a slice of its span, covers.</summary>
    private static ReadOnlyMemory<byte> ViewOf(ReadOnlyMemory<byte> whole, ReadOnlySpan<byte> part) =>
        whole.Span.Overlaps(part, out int offset)
            ? whole.Slice(offset, part.Length)
            : throw new ArgumentException("not a slice of the envelope", nameof(part));

    private static string? CommonHeader(Header? header, out ChannelHeader? channelHeader, out SignatureHeader? signatureHeader)
    {
        channelHeader = null;
        signatureHeader = null;
        if (header is null)
        {
            return "nil header";
        }

        try
        {
            channelHeader = ChannelHeader.Parser.ParseFrom(header.ChannelHeader.Span);
            signatureHeader = SignatureHeader.Parser.ParseFrom(header.SignatureHeader.Span);
        }
        catch (InvalidProtocolBufferException e)
        {
            return "header does not parse: " + e.Message;
        }

        var type = (HeaderType)channelHeader.Type;
        if (type is not (HeaderType.EndorserTransaction or HeaderType.ConfigUpdate or HeaderType.Config))
        {
            return $"invalid header type {type}";
        }

        if (channelHeader.Epoch != 0)
        {
            return $"invalid Epoch in ChannelHeader. Expected 0, got [{channelHeader.Epoch}]";
        }

        return SignatureHeaderProblem(signatureHeader.Nonce.Span, signatureHeader.Creator.Span);
    }

    private static string? SignatureHeaderProblem(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> creator) =>
        nonce.IsEmpty ? "invalid nonce specified in the header"
        : creator.IsEmpty ? "invalid creator specified in the header"
        : null;

    /// <summary>Fabric's protoutil.CheckTxID: the id is hex(SHA-256(nonce ‖ creator)), so a ledger lookup by id
    /// catches replays.</summary>
    private static bool TxIdMatches(string txId, SignatureHeader header)
    {
        Span<byte> digest = stackalloc byte[32];
        Sha256(header.Nonce.Span, header.Creator.Span, [], digest);
        Span<char> hex = stackalloc char[64];
        return Convert.TryToHexStringLower(digest, hex, out _) && txId.AsSpan().SequenceEqual(hex);
    }

    /// <summary>SHA-256 of the concatenated parts in one call: a one-shot hash costs less than an incremental
    /// hash object per transaction.</summary>
    private static void Sha256(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, ReadOnlySpan<byte> third, Span<byte> digest)
    {
        int length = first.Length + second.Length + third.Length;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            first.CopyTo(buffer);
            second.CopyTo(buffer.AsSpan(first.Length));
            third.CopyTo(buffer.AsSpan(first.Length + second.Length));
            SHA256.HashData(buffer.AsSpan(0, length), digest);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static EnvelopeCheck EndorserTransaction(Payload payload, ParsedEnvelope parsed)
    {
        // Transaction { repeated TransactionAction actions = 1; }, each action { bytes header = 1; bytes payload = 2; }.
        int actions = 0;
        ReadOnlySpan<byte> action = default;
        var wire = new ProtoWire(payload.Data.Span);
        while (wire.Next())
        {
            if (wire.Field == 1 && wire.IsLengthDelimited)
            {
                actions++;
                action = wire.Value;
            }
        }

        if (wire.Malformed)
        {
            return Invalid("endorser transaction does not parse: " + MalformedWire);
        }

        if (actions != 1)
        {
            return Invalid($"only one action per transaction is supported, tx contains {actions}");
        }

        if (!BytesFields(action, out ReadOnlySpan<byte> actionHeader, out ReadOnlySpan<byte> actionPayloadBytes)
            || !BytesFields(actionHeader, out ReadOnlySpan<byte> actionCreator, out ReadOnlySpan<byte> actionNonce))
        {
            return Invalid("endorser transaction does not parse: " + MalformedWire);
        }

        if (SignatureHeaderProblem(actionNonce, actionCreator) is { } problem)
        {
            return Invalid("action " + problem);
        }

        try
        {
            ChaincodeActionPayload actionPayload = ChaincodeActionPayload.Parser.ParseFrom(actionPayloadBytes);
            if (actionPayload.Action is null)
            {
                return Invalid("chaincode action payload has no endorsed action");
            }

            ProposalResponsePayload response = ProposalResponsePayload.Parser.ParseFrom(actionPayload.Action.ProposalResponsePayload.Span);

            // GetProposalHash2: the header is rebuilt from the transaction's channel header and the action's
            // signature header, so neither can be swapped after endorsement.
            Span<byte> proposalHash = stackalloc byte[32];
            Sha256(payload.Header.ChannelHeader.Span, actionHeader, actionPayload.ChaincodeProposalPayload.Span, proposalHash);
            if (!proposalHash.SequenceEqual(response.ProposalHash.Span))
            {
                return Invalid("proposal hash does not match");
            }

            return new EnvelopeCheck(
                TxValidationCode.Valid,
                null,
                new ParsedEnvelope
                {
                    Payload = parsed.Payload,
                    ChannelHeader = parsed.ChannelHeader,
                    SignatureHeader = parsed.SignatureHeader,
                    Creator = parsed.Creator,
                    ActionPayload = actionPayload,
                    ResponsePayload = response,
                });
        }
        catch (InvalidProtocolBufferException e)
        {
            return Invalid("endorser transaction does not parse: " + e.Message);
        }

        EnvelopeCheck Invalid(string reason) => EnvelopeCheck.Fail(TxValidationCode.InvalidEndorserTransaction, reason, parsed);
    }
}
