using Fabricish.Protos.Peer;

namespace Fabricish.Endorser.SystemChaincode;

/// <summary>A chaincode that runs inside the peer (Fabric's system chaincodes, e.g. <c>_lifecycle</c>): invoked with
/// ordinary signed proposals, executed against the proposal's TxSimulator instead of an external chaincode process,
/// and endorsed like any other chaincode. Unlike an external chaincode it applies its own per-function access
/// control (Fabric's endorser skips the channel Writers check for system chaincodes), and some of its functions may
/// run without a channel.</summary>
public interface ISystemChaincode
{
    /// <summary>The chaincode name proposals invoke, which is also its state namespace.</summary>
    string Name { get; }

    /// <summary>Whether <paramref name="function"/> (args[0]) may be invoked with an empty channel id; such proposals
    /// are authenticated against the peer's local MSP and must come from one of its admins.</summary>
    bool AllowsNoChannel(string function);

    /// <summary>Whether the chaincode applies the access control of channel-less <paramref name="function"/> itself,
    /// as Fabric's qscc and cscc do (their ACLs name a channel's Readers or the local MSP's Members or Admins): the
    /// endorser then only authenticates the creator with the local MSP. Otherwise the endorser requires a local
    /// admin.</summary>
    bool ChecksChannellessAccess(string function) => false;

    /// <summary>Runs the invocation. Failures are a response with status 500 and the reason, never an exception,
    /// except infrastructure faults (the state database unreachable).</summary>
    Task<Response> InvokeAsync(SystemChaincodeInvocation invocation, CancellationToken cancellationToken);
}
