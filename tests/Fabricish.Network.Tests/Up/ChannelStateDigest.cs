using System.Security.Cryptography;
using System.Text;
using Fabricish.Ledger.State;

namespace Fabricish.Network.Tests.Up;

/// <summary>A channel's world state as comparable text, read through <see cref="IStateDatabase"/> so that a peer on
/// CouchDB and one on the embedded store can be compared: the savepoint, then every key of the sample network's
/// namespaces with its version, value and metadata.</summary>
public static class ChannelStateDigest
{
    /// <summary>The namespaces the sample network writes: the lifecycle's definitions and the asset chaincode's state.</summary>
    public static readonly IReadOnlyList<string> Namespaces = ["_lifecycle", "basic"];

    public static async Task<string> DumpAsync(IStateDatabase state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var text = new StringBuilder();
        text.Append("savepoint=").Append(await state.GetLatestSavepointAsync()).Append('\n');
        foreach (string ns in Namespaces)
        {
            await foreach (VersionedKV kv in state.GetStateRangeAsync(ns, "", ""))
            {
                text.Append(ns).Append(' ').Append(Convert.ToHexStringLower(Encoding.UTF8.GetBytes(kv.Key)))
                    .Append(" @").Append(kv.VersionedValue.Version)
                    .Append(' ').Append(Convert.ToHexStringLower(kv.VersionedValue.Value))
                    .Append(" meta=").Append(Convert.ToHexStringLower(kv.VersionedValue.Metadata ?? [])).Append('\n');
            }
        }

        return text.ToString();
    }

    public static string Hash(string dump) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dump)));
}
