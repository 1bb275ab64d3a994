using Fabricish.Benchmarks.Harness;

namespace Fabricish.Benchmarks.Network;

/// <summary>Latency percentiles of each step of a transaction, in milliseconds. Endorse: proposal → endorsed (gateway
/// collected every endorsement). Submit: endorsed → the gateway's Submit answered (orderer accepted). Order: endorsed
/// (submit start) → the block holding it came out of the orderer's Deliver. Commit: that block → committed on every
/// peer. End to end: start → committed on every peer.</summary>
public sealed record StageLatencies(LatencySummary Endorse, LatencySummary Submit, LatencySummary Order, LatencySummary Commit, LatencySummary EndToEnd);
