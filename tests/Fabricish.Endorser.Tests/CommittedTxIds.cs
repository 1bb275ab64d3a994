using System.Collections.Concurrent;
using Fabricish.Ledger;

namespace Fabricish.Endorser.Tests;

internal sealed class CommittedTxIds : ICommittedTxIds
{
    private readonly ConcurrentDictionary<string, bool> _ids = new(StringComparer.Ordinal);

    public void Add(string txId) => _ids[txId] = true;

    public bool Contains(string txId) => _ids.ContainsKey(txId);
}
