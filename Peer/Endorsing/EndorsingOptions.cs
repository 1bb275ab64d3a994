using Fabricish.Endorser.Chaincode;
using Fabricish.Endorser.Validation;

namespace Fabricish.Peer.Endorsing;

/// <summary>The endorser's settings, bound from the peer's <c>Endorsing</c> configuration section: Fabric's
/// <c>chaincode.executetimeout</c> and the chaincodes this peer can run. Until lifecycle is implemented the
/// chaincodes are a configured table of chaincode-as-a-service endpoints rather than committed definitions.</summary>
public sealed class EndorsingOptions
{
    public const string Section = "Endorsing";

    public IList<ChaincodeEndpointOptions> Chaincodes { get; } = [];

    /// <summary>How long one transaction may run in the chaincode (Fabric's chaincode.executetimeout).</summary>
    public TimeSpan ExecuteTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a proposal waits for a chaincode that is not connected before it fails.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How far a proposal's timestamp may be from the peer's clock, either way: old signed proposals cannot
    /// be replayed for endorsement.</summary>
    public TimeSpan TimestampSkew { get; set; } = TimeSpan.FromMinutes(15);

    internal ChaincodeSupportOptions ToSupportOptions() => new()
    {
        ExecuteTimeout = ExecuteTimeout,
        ConnectTimeout = ConnectTimeout,
        RegistrationTimeout = ConnectTimeout,
    };

    internal ProposalValidatorOptions ToValidatorOptions() => new() { TimestampSkew = TimestampSkew };
}
