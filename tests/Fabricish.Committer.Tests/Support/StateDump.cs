using System.Text;
using Fabricish.Committer.History;
using Fabricish.Ledger.State;

namespace Fabricish.Committer.Tests.Support;

/// <summary>Everything a peer's state database holds for the test chaincode and the history index, plus the
/// savepoint, as comparable text.</summary>
internal static class StateDump
{
    public static async Task<string> OfAsync(IStateDatabase state)
    {
        var text = new StringBuilder();
        text.Append("savepoint=").Append(await state.GetLatestSavepointAsync()).Append('\n');
        foreach (string ns in new[] { TestNetwork.Chaincode, HistoryIndex.Namespace })
        {
            await foreach (VersionedKV kv in state.GetStateRangeAsync(ns, "", ""))
            {
                text.Append(ns).Append('/').Append(kv.Key).Append('=').Append(Encoding.UTF8.GetString(kv.VersionedValue.Value))
                    .Append('@').Append(kv.VersionedValue.Version).Append('\n');
            }
        }

        return text.ToString();
    }

    public static async Task<string?> ValueAsync(IStateDatabase state, string key) =>
        await state.GetStateAsync(TestNetwork.Chaincode, key) is { } value ? Encoding.UTF8.GetString(value.Value) : null;
}
