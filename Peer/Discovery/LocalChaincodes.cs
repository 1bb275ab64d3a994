using Fabricish.Endorser.Chaincode;
using Fabricish.Peer.Endorsing;
using Fabricish.Peer.Lifecycle;
using Fabricish.Protos.Gossip;

namespace Fabricish.Peer.Discovery;

/// <summary>The chaincodes this peer can run on a channel, as its state-info message lists them (Fabric lists the
/// chaincodes defined on the channel whose approved package is installed here): the lifecycle's definitions the
/// endorser resolves on this peer, then the configured (dev mode) chaincodes the lifecycle does not define.</summary>
internal sealed class LocalChaincodes(LifecycleDefinitions definitions, IChaincodeRegistry registry, EndorsingOptions endorsing)
{
    public async ValueTask<IReadOnlyList<Chaincode>> OnChannelAsync(string channelId, CancellationToken cancellationToken)
    {
        var result = new List<Chaincode>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (await definitions.LoadAsync(channelId, cancellationToken).ConfigureAwait(false))
        {
            foreach (LifecycleDefinition definition in definitions.All(channelId))
            {
                seen.Add(definition.Name);
                if (await registry.GetChaincodeAsync(channelId, definition.Name, cancellationToken).ConfigureAwait(false) is { } runnable)
                {
                    result.Add(new Chaincode { Name = runnable.Name, Version = runnable.Version });
                }
            }
        }

        foreach (ChaincodeEndpointOptions configured in endorsing.Chaincodes)
        {
            if ((configured.Channels.Count == 0 || configured.Channels.Contains(channelId)) && seen.Add(configured.Name))
            {
                result.Add(new Chaincode { Name = configured.Name, Version = configured.Version });
            }
        }

        return result;
    }
}
