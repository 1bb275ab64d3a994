using Fabricish.Endorser.Chaincode;

namespace Fabricish.Benchmarks.Endorsing;

internal sealed class BenchRegistry(ChaincodeDefinition chaincode) : IChaincodeRegistry
{
    public ChaincodeDefinition Chaincode { get; } = chaincode;

    public ValueTask<ChaincodeDefinition?> GetChaincodeAsync(string channelId, string chaincodeName, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(chaincodeName == Chaincode.Name ? Chaincode : null);
}
