using Fabricish.Channels.Config;
using Fabricish.Channels.PrivateData;

namespace Fabricish.Peer.Gateway;

/// <summary>The collections of a chaincode as the gateway plans with them (Fabric's discovery collection filter):
/// only member organisations may endorse a proposal that reads a collection or carries transient data for it.</summary>
internal interface IGatewayCollections
{
    /// <summary>The chaincode's collections on the channel; null when the chaincode is not defined.</summary>
    ChaincodeCollections? Collections(ChannelConfig config, string chaincode);
}
