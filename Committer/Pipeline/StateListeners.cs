using Fabricish.Ledger.State;
using Microsoft.Extensions.Logging;

namespace Fabricish.Committer.Pipeline;

/// <summary>Hands each committed block's updates to the <see cref="IStateListener"/>s interested in them, once the
/// block's state and savepoint are durable.</summary>
internal sealed class StateListeners(string channelId, IReadOnlyList<IStateListener> listeners, ILogger logger)
{
    /// <summary>Whether a listener watches a namespace the batch writes: such a block must reach the listeners before
    /// the next block is validated, since their views (chaincode definitions) decide how it is judged.</summary>
    public bool AnyInterestedIn(UpdateBatch updates)
    {
        foreach (IStateListener listener in listeners)
        {
            foreach (string ns in listener.Namespaces)
            {
                if (updates.GetUpdates(ns).Count > 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    public void Notify(ulong blockNumber, UpdateBatch updates)
    {
        foreach (IStateListener listener in listeners)
        {
            Dictionary<string, IReadOnlyDictionary<string, StateUpdate>>? mine = null;
            foreach (string ns in listener.Namespaces)
            {
                IReadOnlyDictionary<string, StateUpdate> nsUpdates = updates.GetUpdates(ns);
                if (nsUpdates.Count > 0)
                {
                    (mine ??= new Dictionary<string, IReadOnlyDictionary<string, StateUpdate>>(StringComparer.Ordinal))[ns] = nsUpdates;
                }
            }

            if (mine is null)
            {
                continue;
            }

            try
            {
                listener.StateCommitted(channelId, blockNumber, mine);
            }
            catch (Exception e)
            {
                // The state is committed whatever a listener does; its own view is its business, and the log says so.
                CommitterLog.StateListenerFailed(logger, listener.GetType().Name, blockNumber, e);
            }
        }
    }
}
