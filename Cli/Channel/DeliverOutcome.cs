using Fabricish.Protos.Common;

namespace Fabricish.Cli.Channel;

/// <summary>How a Deliver request ended: the blocks received, and the orderer's closing status (SUCCESS after the last
/// requested block) or an <see cref="Error"/> when the orderer refused, failed or could not be reached.</summary>
internal sealed record DeliverOutcome(IReadOnlyList<Block> Blocks, Status Status, string? Error)
{
    public bool IsSuccess => Error is null;
}
