namespace Fabricish.Committer.PrivateData;

/// <summary>A collection's private write set a transaction needs, with the SHA-256 the block carries for it.</summary>
public sealed record ExpectedCollection(string Namespace, string Collection, byte[] PvtRwSetHash)
{
    public bool Matches(ReadOnlySpan<byte> rwset) => Channels.PrivateData.PrivateDataKeys.ValueHash(rwset).AsSpan().SequenceEqual(PvtRwSetHash);
}
