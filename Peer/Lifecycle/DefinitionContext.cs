using Fabricish.Endorser;
using Fabricish.Endorser.Simulation;

namespace Fabricish.Peer.Lifecycle;

/// <summary>What a channel function of <c>_lifecycle</c> works with: the channel and the proposal's simulator.</summary>
internal sealed record DefinitionContext(EndorserChannel Channel, TxSimulator Simulator, CancellationToken CancellationToken);
