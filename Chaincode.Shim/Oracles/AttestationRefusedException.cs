namespace Fabricish.Chaincode.Shim.Oracles;

/// <summary>An attestation a chaincode must not act on; the message says why (forged, stale, replayed, wrong
/// symbol, unknown oracle) and becomes the transaction's error.</summary>
public sealed class AttestationRefusedException : Exception
{
    public AttestationRefusedException()
    {
    }

    public AttestationRefusedException(string message)
        : base(message)
    {
    }

    public AttestationRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
