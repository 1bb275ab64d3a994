using Fabricish.Endorser.Chaincode;

namespace Fabricish.Benchmarks.Endorsing;

internal sealed class BenchRegistry(ChaincodeDefinition chaincode) : IChaincodeRegistry
{
    public ChaincodeDefinition Chaincode { get; } = chaincode;

    public ChaincodeDefinition? GetChaincode(string channelId, string chaincodeName) => chaincodeName == Chaincode.Name ? Chaincode : null;
}
