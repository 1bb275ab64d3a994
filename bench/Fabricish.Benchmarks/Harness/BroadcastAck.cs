namespace Fabricish.Benchmarks.Harness;

/// <summary>The orderer's answer to one envelope; <see cref="ValidatedAt"/> is the Stopwatch timestamp at which the
/// orderer's own checks ended, where the client can see that (in-process), otherwise 0.</summary>
public readonly record struct BroadcastAck(bool Accepted, long ValidatedAt);
