namespace Fabricish.Ledger.Storage;

/// <summary>Where block <paramref name="Number"/>'s record lives: segment file, byte offset of its record header,
/// and total record length (header included). The header hash is kept so chain checks and
/// <see cref="BlockchainInfo"/> never need to touch the disk.</summary>
internal readonly record struct BlockLocation(ulong Number, int Segment, long Offset, int Length, byte[] HeaderHash)
{
    public long End => Offset + Length;
}
