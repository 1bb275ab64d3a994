using System.Collections.Concurrent;
using System.Text;
using Fabricish.Ledger.State;

namespace Fabricish.Committer.Tests.Support;

/// <summary>A state listener on <c>_lifecycle</c> that records each call together with the savepoint the state
/// database had at that moment, to show calls come only once a block is durable.</summary>
internal sealed class RecordingStateListener(IStateDatabase state) : IStateListener
{
    public IReadOnlyCollection<string> Namespaces { get; } = [TestPeer.LifecycleNamespace];

    public ConcurrentQueue<string> Calls { get; } = new();

    public void StateCommitted(string channelId, ulong blockNumber, IReadOnlyDictionary<string, IReadOnlyDictionary<string, StateUpdate>> updates)
    {
        // The in-memory database answers synchronously, so the listener can look at the savepoint inside the call.
        Height? savepoint = state.GetLatestSavepointAsync().GetAwaiter().GetResult();
        string writes = string.Join(
            ";",
            updates.SelectMany(ns => ns.Value.Select(kv => $"{ns.Key}/{kv.Key}={(kv.Value.Value is { } v ? Encoding.UTF8.GetString(v) : "<deleted>")}@{kv.Value.Version}")));
        Calls.Enqueue($"{channelId} block {blockNumber} [{writes}] savepoint {savepoint?.BlockNum}");
    }
}
