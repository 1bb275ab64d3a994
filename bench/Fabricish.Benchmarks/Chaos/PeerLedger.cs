using Fabricish.Protos.Peer;

namespace Fabricish.Benchmarks.Chaos;

/// <summary>One peer's ledger as read back: its blocks, and for each transaction ID every (block, code) it appears with.</summary>
public sealed class PeerLedger
{
    private readonly Dictionary<string, List<(ulong Block, TxValidationCode Code)>> _byTxId = new(StringComparer.Ordinal);

    public PeerLedger(string peer, IReadOnlyList<LedgerBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        Peer = peer;
        Blocks = blocks;
        foreach (LedgerBlock block in blocks)
        {
            foreach ((string txid, TxValidationCode code) in block.Transactions)
            {
                if (!_byTxId.TryGetValue(txid, out List<(ulong, TxValidationCode)>? entries))
                {
                    _byTxId[txid] = entries = [];
                }

                entries.Add((block.Number, code));
            }
        }
    }

    public string Peer { get; }

    public IReadOnlyList<LedgerBlock> Blocks { get; }

    public IReadOnlyList<(ulong Block, TxValidationCode Code)> Find(string txid) =>
        _byTxId.TryGetValue(txid, out List<(ulong, TxValidationCode)>? entries) ? entries : [];

    public int ValidCount(string txid) => Find(txid).Count(e => e.Code == TxValidationCode.Valid);
}
