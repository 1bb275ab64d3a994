using System.Collections.Concurrent;
using System.Reflection;
using Fabricish.Protos.Peer;
using Google.Protobuf.Reflection;

namespace Fabricish.Benchmarks.Network;

/// <summary>Validation codes by Fabric's names (MVCC_READ_CONFLICT), as peers log and Fabric's tools print them.</summary>
public static class ValidationCodes
{
    private static readonly ConcurrentDictionary<TxValidationCode, string> Names = new();

    public static string Name(TxValidationCode code) => Names.GetOrAdd(code, c =>
        typeof(TxValidationCode).GetField(c.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? c.ToString());
}
