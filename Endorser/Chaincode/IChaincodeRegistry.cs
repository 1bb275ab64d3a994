namespace Fabricish.Endorser.Chaincode;

/// <summary>Which chaincodes a channel has and where they run. Lifecycle (approved and committed definitions plus
/// the installed package's connection.json) will implement this; until then a configured table does.</summary>
public interface IChaincodeRegistry
{
    /// <summary>The definition of <paramref name="chaincodeName"/> on the channel, null when it is not defined there.</summary>
    /// <remarks>Asynchronous because the definitions may still be loading from state (a restarted peer).</remarks>
    ValueTask<ChaincodeDefinition?> GetChaincodeAsync(string channelId, string chaincodeName, CancellationToken cancellationToken = default);
}
