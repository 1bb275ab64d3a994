using System.Text;
using Fabricish.Protos.Common;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Explorer.Ledger;

/// <summary>Everything a block holds about one transaction: header, creator, chaincode and arguments, endorsers,
/// read-write set, chaincode event and response, with the peer's validation code.</summary>
public sealed record TransactionDetail(
    ulong Block,
    int Index,
    string TxId,
    string Type,
    DateTimeOffset? Timestamp,
    int Code,
    IdentityView? Creator,
    string? Chaincode,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<IdentityView> Endorsers,
    IReadOnlyList<RwSetView> RwSets,
    (string Name, string Payload)? Event,
    (int Status, string Message)? Response)
{
    private const int PreviewBytes = 80;

    public static TransactionDetail Decode(Block block, int index)
    {
        ArgumentNullException.ThrowIfNull(block);
        int code = BlockSummary.Filter(block)[index];
        Payload? payload = EnvelopeReader.TryPayload(block.Data.Data[index]);
        ChannelHeader? header = payload?.Header is { } h ? EnvelopeReader.TryParse(ChannelHeader.Parser, h.ChannelHeader) : null;
        SignatureHeader? signature = payload?.Header is { } s ? EnvelopeReader.TryParse(SignatureHeader.Parser, s.SignatureHeader) : null;
        var detail = new TransactionDetail(block.Header.Number, index, header?.TxId ?? "", header is null ? "(unreadable)" : ((HeaderType)header.Type).ToString(),
            header?.Timestamp?.ToDateTimeOffset(), code, signature is null ? null : IdentityView.From(signature.Creator), null, [], [], [], null, null);
        if (header?.Type != (int)HeaderType.EndorserTransaction || payload is null)
        {
            return detail;
        }

        Transaction? transaction = EnvelopeReader.TryParse(Transaction.Parser, payload.Data);
        ChaincodeActionPayload? action = transaction?.Actions.Count > 0 ? EnvelopeReader.TryParse(ChaincodeActionPayload.Parser, transaction.Actions[0].Payload) : null;
        if (action is null)
        {
            return detail;
        }

        ChaincodeProposalPayload? proposal = EnvelopeReader.TryParse(ChaincodeProposalPayload.Parser, action.ChaincodeProposalPayload);
        ChaincodeInvocationSpec? invocation = proposal is null ? null : EnvelopeReader.TryParse(ChaincodeInvocationSpec.Parser, proposal.Input);
        ProposalResponsePayload? response = action.Action is null ? null : EnvelopeReader.TryParse(ProposalResponsePayload.Parser, action.Action.ProposalResponsePayload);
        ChaincodeAction? result = response is null ? null : EnvelopeReader.TryParse(ChaincodeAction.Parser, response.Extension);
        ChaincodeEvent? chaincodeEvent = result is null || result.Events.IsEmpty ? null : EnvelopeReader.TryParse(ChaincodeEvent.Parser, result.Events);
        return detail with
        {
            Chaincode = invocation?.ChaincodeSpec?.ChaincodeId?.Name ?? result?.ChaincodeId?.Name,
            Arguments = [.. invocation?.ChaincodeSpec?.Input?.Args.Select(Preview) ?? []],
            Endorsers = [.. action.Action?.Endorsements.Select(e => IdentityView.From(e.Endorser)) ?? []],
            RwSets = result is null ? [] : ReadWriteSets(result.Results),
            Event = chaincodeEvent is { EventName.Length: > 0 } ? (chaincodeEvent.EventName, Preview(chaincodeEvent.Payload)) : null,
            Response = result?.Response is { } r ? (r.Status, r.Message) : null,
        };
    }

    private static List<RwSetView> ReadWriteSets(ByteString results)
    {
        TxReadWriteSet? rwSet = EnvelopeReader.TryParse(TxReadWriteSet.Parser, results);
        var views = new List<RwSetView>();
        foreach (NsReadWriteSet ns in rwSet?.NsRwset ?? [])
        {
            KVRWSet? kv = EnvelopeReader.TryParse(KVRWSet.Parser, ns.Rwset);
            if (kv is null)
            {
                continue;
            }

            views.Add(new RwSetView(
                ns.Namespace,
                [.. kv.Reads.Select(r => (r.Key, r.Version is { } v ? $"{v.BlockNum}:{v.TxNum}" : "none (key did not exist)"))],
                [.. kv.Writes.Select(w => (w.Key, w.IsDelete ? "(deleted)" : $"{w.Value.Length} B: {Preview(w.Value)}"))],
                kv.RangeQueriesInfo.Count));
        }

        return views;
    }

    /// <summary>Bytes as text when they are printable UTF-8, else hex; cut to <see cref="PreviewBytes"/>.</summary>
    public static string Preview(ByteString bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ReadOnlySpan<byte> span = bytes.Span[..Math.Min(bytes.Length, PreviewBytes)];
        string more = bytes.Length > PreviewBytes ? "…" : "";
        try
        {
            string text = new UTF8Encoding(false, true).GetString(span);
            if (!text.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
            {
                return text + more;
            }
        }
        catch (DecoderFallbackException)
        {
            // A value cut inside a multi-byte character, or binary: shown as hex below.
        }

        return "0x" + Convert.ToHexStringLower(span) + more;
    }
}
