using Fabricish.Ledger.State;

namespace Fabricish.Committer;

/// <summary>Fabric's ledger StateListener: a component that keeps its own view of some namespaces (the chaincode
/// lifecycle's definitions in <c>_lifecycle</c>) and must see their committed changes. The committer calls
/// <see cref="StateCommitted"/> after a block's state (and savepoint) is durable, in block order, also for blocks
/// replayed during recovery; a listener must therefore tolerate seeing the same block twice.</summary>
public interface IStateListener
{
    /// <summary>The namespaces whose updates this listener receives.</summary>
    IReadOnlyCollection<string> Namespaces { get; }

    /// <summary>The valid writes of block <paramref name="blockNumber"/> on <paramref name="channelId"/> in
    /// <see cref="Namespaces"/> (only namespaces that were written; never called with none).</summary>
    void StateCommitted(string channelId, ulong blockNumber, IReadOnlyDictionary<string, IReadOnlyDictionary<string, StateUpdate>> updates);
}
