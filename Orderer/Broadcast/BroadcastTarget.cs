using Fabricish.Orderer.Consensus;
using Fabricish.Orderer.MsgProcessor;

namespace Fabricish.Orderer.Broadcast;

/// <summary>What one lookup of a channel gives broadcast: the processor that judges the message and the chain that
/// orders it (null when the handler was given processors only).</summary>
internal readonly record struct BroadcastTarget(StandardChannel Processor, IChain? Chain);
