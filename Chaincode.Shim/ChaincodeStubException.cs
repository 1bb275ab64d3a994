namespace Fabricish.Chaincode.Shim;

/// <summary>The peer refused or failed a stub request (it answered ERROR), or the stream to the peer is gone.
/// The handler reports it to the peer as the transaction's ERROR when the chaincode lets it escape.</summary>
public sealed class ChaincodeStubException : Exception
{
    public ChaincodeStubException()
    {
    }

    public ChaincodeStubException(string message)
        : base(message)
    {
    }

    public ChaincodeStubException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
