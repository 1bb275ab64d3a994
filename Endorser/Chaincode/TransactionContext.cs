using System.Collections.Concurrent;
using Fabricish.Endorser.Simulation;
using Fabricish.Protos.Peer;

namespace Fabricish.Endorser.Chaincode;

/// <summary>Fabric's TransactionContext: one transaction in flight on a handler, with the simulator its ledger
/// requests run against, its open query iterators, and where its COMPLETED or ERROR is delivered.</summary>
internal sealed class TransactionContext
{
    public TransactionContext(string channelId, string txId, string ns, SignedProposal? signedProposal, TxSimulator simulator, bool isInit = false)
    {
        IsInit = isInit;
        ChannelId = channelId;
        TxId = txId;
        Namespace = ns;
        SignedProposal = signedProposal;
        Simulator = simulator;
    }

    public string ChannelId { get; }

    public string TxId { get; }

    /// <summary>The chaincode's name, which is the state namespace its requests read and write.</summary>
    public string Namespace { get; }

    public SignedProposal? SignedProposal { get; }

    /// <summary>The transaction is the chaincode's Init, in which Fabric allows no private data.</summary>
    public bool IsInit { get; }

    public TxSimulator Simulator { get; }

    /// <summary>Completed on the stream's read loop, and the endorsement goes on there up to its next wait (signing and
    /// answering the proposal): a hop through the thread pool per transaction cost more than that work holds up the
    /// stream's other reads.</summary>
    public TaskCompletionSource<ChaincodeMessage> Outcome { get; } = new();

    public ConcurrentDictionary<string, QueryIterator> Iterators { get; } = new(StringComparer.Ordinal);

    public static string Key(string channelId, string txId) => channelId + "\u0000" + txId;

    public async ValueTask CloseIteratorsAsync()
    {
        foreach (string id in Iterators.Keys)
        {
            if (Iterators.TryRemove(id, out QueryIterator? iterator))
            {
                await iterator.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
