namespace Fabricish.Benchmarks.Harness;

/// <summary>
/// Stopwatch timestamps by envelope sequence number, written by many clients and read by the block watcher. Chunks
/// are allocated as sequence numbers reach them, so the harness's own footprint grows with what was sent rather
/// than with a guessed maximum (it shares the process whose peak memory is reported).
/// </summary>
public sealed class ChunkedTimestamps
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;

    private readonly long[]?[] _chunks = new long[]?[1 << 14];

    public void Set(long sequence, long timestamp) => Chunk(sequence)[sequence & (ChunkSize - 1)] = timestamp;

    /// <summary>The timestamp set for <paramref name="sequence"/>, or 0 if none was (yet).</summary>
    public long Get(long sequence)
    {
        long index = sequence >> ChunkBits;
        if (sequence < 0 || index >= _chunks.Length)
        {
            return 0;
        }

        long[]? chunk = Volatile.Read(ref _chunks[index]);
        return chunk is null ? 0 : Volatile.Read(ref chunk[sequence & (ChunkSize - 1)]);
    }

    private long[] Chunk(long sequence)
    {
        long index = sequence >> ChunkBits;
        if (sequence < 0 || index >= _chunks.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "beyond the harness's sequence range");
        }

        long[]? chunk = Volatile.Read(ref _chunks[index]);
        if (chunk is not null)
        {
            return chunk;
        }

        Interlocked.CompareExchange(ref _chunks[index], new long[ChunkSize], null);
        return _chunks[index]!;
    }
}
