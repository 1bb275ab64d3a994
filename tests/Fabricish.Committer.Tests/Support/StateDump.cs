using System.Text;
using Fabricish.Ledger.History;
using Fabricish.Ledger.State;
using Fabricish.Testing;

namespace Fabricish.Committer.Tests.Support;

/// <summary>Everything a peer holds for the test chaincode, as comparable text: state (keys, values, versions and the
/// savepoint) and, for a whole peer, the history database's heights of each key.</summary>
internal static class StateDump
{
    public static async Task<string> OfAsync(TestPeer peer) => await OfAsync(peer.State) + Of(peer.Blocks.History);

    public static async Task<string> OfAsync(IStateDatabase state)
    {
        var text = new StringBuilder();
        text.Append("savepoint=").Append(await state.GetLatestSavepointAsync()).Append('\n');
        await foreach (VersionedKV kv in state.GetStateRangeAsync(TestNetwork.Chaincode, "", ""))
        {
            text.Append(TestNetwork.Chaincode).Append('/').Append(kv.Key).Append('=').Append(Encoding.UTF8.GetString(kv.VersionedValue.Value))
                .Append('@').Append(kv.VersionedValue.Version).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The history of every test chaincode key, without the history savepoint (blocks without valid writes
    /// advance it and change nothing else).</summary>
    public static string Of(HistoryDatabase history)
    {
        var text = new StringBuilder();
        foreach (string key in history.GetKeys(TestNetwork.Chaincode))
        {
            text.Append("history ").Append(key).Append(" =");
            foreach (Height height in history.GetHeights(TestNetwork.Chaincode, key))
            {
                text.Append(' ').Append(height);
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    public static async Task<string?> ValueAsync(IStateDatabase state, string key) =>
        await state.GetStateAsync(TestNetwork.Chaincode, key) is { } value ? Encoding.UTF8.GetString(value.Value) : null;
}
