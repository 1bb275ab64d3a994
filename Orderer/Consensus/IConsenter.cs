namespace Fabricish.Orderer.Consensus;

/// <summary>A consensus implementation (Fabric's <c>consensus.Consenter</c>): makes the chain that orders a channel
/// whose configuration names <see cref="ConsensusType"/>. The registrar knows consenters only through this.</summary>
internal interface IConsenter
{
    /// <summary>The channel config's <c>ConsensusType.type</c> this consenter serves, e.g. <c>kafka</c>.</summary>
    string ConsensusType { get; }

    /// <summary>A chain for the channel <paramref name="support"/> writes, resuming after its last block; not started.
    /// Null with <paramref name="error"/> when the channel cannot be ordered by this consenter.</summary>
    IChain? TryHandleChain(IConsenterSupport support, out string? error);
}
