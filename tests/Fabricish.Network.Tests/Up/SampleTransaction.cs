namespace Fabricish.Network.Tests.Up;

/// <summary>The CreateAsset transaction <c>./fabricish up</c> invokes at the end, as it recorded it.</summary>
public sealed record SampleTransaction(string Asset, string TxId, ulong Block);
