using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;

namespace Fabricish.Orderer.Deliver;

/// <summary>The block numbers a SeekInfo asks for, resolved against the ledger height as Fabric's deliver and file
/// ledger iterator do: a specified start beyond the height is NOT_FOUND at once, a stop before the start BAD_REQUEST,
/// and newest-to-newest means exactly the block that is newest now.</summary>
internal readonly record struct SeekRange(ulong Start, ulong Stop)
{
    public static SeekRange? Resolve(SeekInfo seek, ulong height, out Status status, out string? error)
    {
        status = Status.BadRequest;
        ulong start;
        switch (seek.Start.TypeCase)
        {
            case SeekPosition.TypeOneofCase.Oldest:
                start = 0;
                break;
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
                stop = seek.Start.Equals(seek.Stop) ? start : height - 1;
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
