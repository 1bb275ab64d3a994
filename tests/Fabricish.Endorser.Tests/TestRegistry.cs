using System.Collections.Concurrent;
using Fabricish.Endorser.Chaincode;
using Fabricish.Testing;

namespace Fabricish.Endorser.Tests;

internal sealed class TestRegistry : IChaincodeRegistry
{
    private readonly ConcurrentDictionary<string, ChaincodeDefinition> _chaincodes = new(StringComparer.Ordinal);

    public void Add(ChaincodeDefinition definition) => _chaincodes[definition.Name] = definition;

    public ValueTask<ChaincodeDefinition?> GetChaincodeAsync(string channelId, string chaincodeName, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(channelId == TestNetwork.ChannelId && _chaincodes.TryGetValue(chaincodeName, out ChaincodeDefinition? definition) ? definition : null);
}
