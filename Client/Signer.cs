namespace Fabricish.Client;

/// <summary>Signs a digest made by the gateway's <see cref="Hash"/> and returns the signature (for ECDSA: DER, low S),
/// as fabric-gateway's <c>Signer</c>. A delegate so keys held elsewhere (an HSM, a remote signer) fit in.</summary>
public delegate byte[] Signer(byte[] digest);
