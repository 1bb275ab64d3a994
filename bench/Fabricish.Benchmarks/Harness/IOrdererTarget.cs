using Fabricish.Protos.Common;

namespace Fabricish.Benchmarks.Harness;

/// <summary>An orderer node under load, in this process or in a child process reached over gRPC.</summary>
public interface IOrdererTarget : IAsyncDisposable
{
    /// <summary>Which path envelopes take, for the report.</summary>
    string Description { get; }

    IBroadcastClient NewClient();

    /// <summary>The channel's blocks from number 1 on, as they are written, until cancelled.</summary>
    IAsyncEnumerable<Block> BlocksAsync(CancellationToken cancellationToken);

    long PeakResidentBytes();

    long ResidentBytes();

    TimeSpan CpuTime();

    /// <summary>The orderer's process id when it is a child process, otherwise null.</summary>
    int? ChildProcessId { get; }

    /// <summary>Whether the orderer's process runs the server garbage collector (more heaps, more memory).</summary>
    bool ServerGc { get; }
}
