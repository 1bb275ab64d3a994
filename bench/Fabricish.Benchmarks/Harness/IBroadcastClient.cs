using Fabricish.Protos.Common;

namespace Fabricish.Benchmarks.Harness;

/// <summary>One broadcast client's connection to the orderer: sends an envelope and waits for its answer.</summary>
public interface IBroadcastClient : IAsyncDisposable
{
    Task<BroadcastAck> SendAsync(Envelope envelope);
}
