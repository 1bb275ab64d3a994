namespace Fabricish.Endorser.Simulation;

/// <summary>A request the simulator refuses (a write after a paginated query, a value the state database cannot
/// store, state that moved under the simulation). The chaincode handler reports it to the chaincode as an ERROR
/// message, as Fabric's handler does with the simulator's errors.</summary>
public sealed class TxSimulatorException : Exception
{
    public TxSimulatorException()
    {
    }

    public TxSimulatorException(string message)
        : base(message)
    {
    }

    public TxSimulatorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
