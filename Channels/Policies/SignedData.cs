namespace Fabricish.Channels.Policies;

/// <summary>One signature to be weighed by a policy, as Fabric's <c>protoutil.SignedData</c>:
/// the signed bytes, the signer's serialized identity, and the DER signature.</summary>
public readonly record struct SignedData(ReadOnlyMemory<byte> Data, ReadOnlyMemory<byte> Identity, ReadOnlyMemory<byte> Signature);
