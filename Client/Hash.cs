namespace Fabricish.Client;

/// <summary>Makes the digest a <see cref="Signer"/> signs, as fabric-gateway's <c>Hash</c>; see <see cref="Hashes"/>.</summary>
public delegate byte[] Hash(byte[] message);
