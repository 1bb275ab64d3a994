using Fabricish.Endorser.Simulation;
using Fabricish.Endorser.Validation;
using Google.Protobuf;

namespace Fabricish.Endorser.SystemChaincode;

/// <summary>One proposal to a system chaincode: the validated proposal, and for channel proposals the channel and the
/// simulator its reads and writes go through (both null for a channel-less proposal).</summary>
public sealed class SystemChaincodeInvocation
{
    public SystemChaincodeInvocation(UnpackedProposal proposal, EndorserChannel? channel, TxSimulator? simulator)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        Proposal = proposal;
        Channel = channel;
        Simulator = simulator;
    }

    public UnpackedProposal Proposal { get; }

    public EndorserChannel? Channel { get; }

    public TxSimulator? Simulator { get; }

    /// <summary>args[0] as UTF-8, empty when there are no arguments.</summary>
    public string Function => Proposal.Input.Args.Count > 0 ? Proposal.Input.Args[0].ToStringUtf8() : string.Empty;

    public IReadOnlyList<ByteString> Args => Proposal.Input.Args;

    /// <summary>The creator's serialized identity (SignatureHeader.creator).</summary>
    public ByteString Creator => Proposal.SignatureHeader.Creator;
}
