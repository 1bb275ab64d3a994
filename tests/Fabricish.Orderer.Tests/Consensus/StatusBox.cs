using Fabricish.Orderer.Consensus;

namespace Fabricish.Orderer.Tests.Consensus;

/// <summary>A chain status behind a reference, so the fake chain can publish it to other threads atomically.</summary>
internal sealed record StatusBox(ChainStatus Value);
