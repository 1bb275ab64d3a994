namespace Fabricish.Endorser.Chaincode;

/// <summary>Timeouts and reconnection of <see cref="ChaincodeSupport"/> (Fabric's chaincode.executetimeout and
/// friends).</summary>
public sealed record ChaincodeSupportOptions
{
    /// <summary>How long one transaction may run in the chaincode before the peer gives up on it.</summary>
    public TimeSpan ExecuteTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a request waits for a chaincode that is not connected before it fails; reconnection
    /// carries on in the background after that.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a dialled chaincode may take to REGISTER.</summary>
    public TimeSpan RegistrationTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>First delay between reconnection attempts; it doubles up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Results per QueryResponse page sent to the chaincode (Fabric's maxResultLimit).</summary>
    public int MaxResultLimit { get; init; } = 100;
}
