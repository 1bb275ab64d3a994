using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;

namespace Fabricish.Channels.Deliver;

/// <summary>The block numbers a SeekInfo asks for against the ledger height, as Fabric's deliver handler and file
/// ledger iterator resolve them: a specified start beyond the next block is NOT_FOUND, a specified stop before the
/// start BAD_REQUEST, an oldest stop means the start block alone, and newest-to-newest the block that is newest now.
/// next_commit starts at the height, so only blocks committed after the request are sent.</summary>
public readonly record struct SeekRange(ulong Start, ulong Stop)
{
    /// <param name="emptyLedgerHasNoNewest">Whether a newest start on a ledger of height 0 is NOT_FOUND (the peer's
    /// ledger can be empty; the orderer's always holds its genesis block and does not check).</param>
    public static SeekRange? Resolve(SeekInfo seek, ulong height, bool emptyLedgerHasNoNewest, out Status status, out string? error)
    {
        ArgumentNullException.ThrowIfNull(seek);
        status = Status.BadRequest;
        ulong start;
        switch (seek.Start.TypeCase)
        {
            case SeekPosition.TypeOneofCase.Oldest:
                start = 0;
                break;
            case SeekPosition.TypeOneofCase.Newest when emptyLedgerHasNoNewest && height == 0:
                status = Status.NotFound;
                error = "the ledger has no newest block";
                return null;
            case SeekPosition.TypeOneofCase.Newest:
                start = height - 1;
                break;
            case SeekPosition.TypeOneofCase.NextCommit:
                start = height;
                break;
            case SeekPosition.TypeOneofCase.Specified:
                start = seek.Start.Specified.Number;
                if (start > height)
                {
                    status = Status.NotFound;
                    error = $"start block {start} is beyond the next block {height}";
                    return null;
                }

                break;
            default:
                error = "seekInfo start position has no type";
                return null;
        }

        ulong stop;
        switch (seek.Stop.TypeCase)
        {
            case SeekPosition.TypeOneofCase.Oldest:
                stop = start;
                break;
            case SeekPosition.TypeOneofCase.Newest:
                // Re-reading the height for newest-to-newest could send two blocks where the client expects one.
                stop = seek.Start.Equals(seek.Stop) || (emptyLedgerHasNoNewest && height == 0) ? start : height - 1;
                break;
            case SeekPosition.TypeOneofCase.Specified:
                stop = seek.Stop.Specified.Number;
                if (stop < start)
                {
                    error = $"start number {start} greater than stop number {stop}";
                    return null;
                }

                break;
            default:
                error = "seekInfo stop position must be oldest, newest or specified";
                return null;
        }

        status = Status.Success;
        error = null;
        return new SeekRange(start, stop);
    }
}
