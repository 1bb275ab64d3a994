namespace Fabricish.Endorser.Chaincode;

/// <summary>The chaincode could not produce a response: unreachable, timed out, stream lost, or it answered ERROR.
/// The endorser reports it as Fabric does, a 500 "error in simulation: ..." response.</summary>
public sealed class ChaincodeExecutionException : Exception
{
    public ChaincodeExecutionException()
    {
    }

    public ChaincodeExecutionException(string message)
        : base(message)
    {
    }

    public ChaincodeExecutionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
