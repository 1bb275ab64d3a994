using Fabricish.Ledger;
using Fabricish.Orderer.Broadcast;
using Fabricish.Orderer.Kafka;
using Fabricish.Protos.Common;

namespace Fabricish.Benchmarks.Harness;

/// <summary>The orderer's per-message pipeline in this process: BroadcastHandler.ProcessMessage, then
/// KafkaChain.OrderAsync, exactly what the Broadcast service does, without gRPC; blocks read from the node's store.</summary>
public sealed class InProcessTarget(BroadcastHandler handler, KafkaChain chain, BlockStore store) : IOrdererTarget
{
    public string Description =>
        "in-process: BroadcastHandler.ProcessMessage + KafkaChain.OrderAsync (no gRPC); clients sign in the same process, so memory and CPU include them";

    public IBroadcastClient NewClient() => new InProcessClient(handler, chain);

    public IAsyncEnumerable<Block> BlocksAsync(CancellationToken cancellationToken) => store.ReadFrom(1, cancellationToken);

    public long PeakResidentBytes() => ProcessStats.PeakResidentBytes();

    public long ResidentBytes() => ProcessStats.ResidentBytes();

    public TimeSpan CpuTime() => ProcessStats.ProcessCpu();

    public int? ChildProcessId => null;

    public bool ServerGc => System.Runtime.GCSettings.IsServerGC;

    public ValueTask DisposeAsync() => new(chain.HaltAsync());
}
