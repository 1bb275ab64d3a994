using Fabricish.Chaincode.Shim;
using Fabricish.Chaincode.Shim.Contracts;
using Fabricish.Protos.Ledger.Queryresult;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabricish.Samples.Tests;

/// <summary>A channel's world state for contract tests, with the peer's execute-then-validate semantics: a
/// transaction is simulated against committed state (reads record the version they saw, writes are buffered), and
/// committing it fails MVCC when a key it read changed since, as Fabric's committer does. History is kept per key and,
/// as a Fabric 2.x peer returns it, read newest first.</summary>
internal sealed class MemoryLedger(IChaincode chaincode)
{
    private readonly SortedDictionary<string, (byte[] Value, long Version)> _state = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<KeyModification>> _history = new(StringComparer.Ordinal);
    private long _version;
    private int _transactions;

    public IReadOnlyDictionary<string, (byte[] Value, long Version)> State => _state;

    /// <summary>Simulates and, when the chaincode succeeds, commits.</summary>
    public async Task<Response> SubmitAsync(TestIdentity creator, DateTimeOffset at, params string[] args)
    {
        MemoryStub simulation = await SimulateAsync(creator, at, args);
        Response response = simulation.Response!;
        if (response.Status == Shim.StatusOk && !TryCommit(simulation, out string? conflict))
        {
            return new Response { Status = Shim.StatusError, Message = conflict };
        }

        return response;
    }

    /// <summary>Runs the chaincode without committing, like a gateway Evaluate.</summary>
    public async Task<Response> EvaluateAsync(TestIdentity creator, DateTimeOffset at, params string[] args) =>
        (await SimulateAsync(creator, at, args)).Response!;

    public async Task<MemoryStub> SimulateAsync(TestIdentity creator, DateTimeOffset at, params string[] args)
    {
        var stub = new MemoryStub(this, "tx" + Interlocked.Increment(ref _transactions), creator.Creator(), at, args);
        stub.Response = await chaincode.InvokeAsync(stub);
        return stub;
    }

    /// <summary>Applies the simulation's writes unless a key it read has a newer version (MVCC_READ_CONFLICT).</summary>
    public bool TryCommit(MemoryStub simulation, out string? conflict)
    {
        lock (_state)
        {
            foreach ((string key, long readVersion) in simulation.Reads)
            {
                long current = _state.TryGetValue(key, out var entry) ? entry.Version : 0;
                if (current != readVersion)
                {
                    conflict = $"MVCC_READ_CONFLICT: {simulation.GetTxId()} read a key another transaction changed since";
                    return false;
                }
            }

            _version++;
            foreach ((string key, byte[]? value) in simulation.Writes)
            {
                if (value is null)
                {
                    _state.Remove(key);
                }
                else
                {
                    _state[key] = (value, _version);
                }

                if (!_history.TryGetValue(key, out List<KeyModification>? changes))
                {
                    _history[key] = changes = [];
                }

                changes.Add(new KeyModification
                {
                    TxId = simulation.GetTxId(),
                    Value = ByteString.CopyFrom(value ?? []),
                    Timestamp = Timestamp.FromDateTimeOffset(simulation.GetTxTimestamp()!.Value),
                    IsDelete = value is null,
                });
            }

            conflict = null;
            return true;
        }
    }

    internal (byte[] Value, long Version) Read(string key)
    {
        lock (_state)
        {
            return _state.TryGetValue(key, out var entry) ? entry : ([], 0);
        }
    }

    internal List<KeyValuePair<string, byte[]>> Range(string start, string end)
    {
        lock (_state)
        {
            return [.. _state.Where(kv => string.CompareOrdinal(kv.Key, start) >= 0 && (end.Length == 0 || string.CompareOrdinal(kv.Key, end) < 0))
                .Select(kv => KeyValuePair.Create(kv.Key, kv.Value.Value))];
        }
    }

    internal List<KeyModification> History(string key)
    {
        lock (_state)
        {
            return _history.TryGetValue(key, out List<KeyModification>? changes) ? [.. Enumerable.Reverse(changes)] : [];
        }
    }

    /// <summary>Decodes a contract's JSON answer.</summary>
    public static T Payload<T>(Response response) =>
        response.Status == Shim.StatusOk
            ? System.Text.Json.JsonSerializer.Deserialize<T>(response.Payload.Span, ContractChaincode.DefaultJsonOptions)!
            : throw new InvalidOperationException($"the transaction failed: {response.Message}");
}
