using System.Text.Json.Serialization;

namespace Fabricish.Peer.Admin;

/// <summary>Fabric's <c>common.BlockchainInfo</c> as <c>peer channel getinfo</c> prints it: the channel's height, the
/// header hash of its newest block and that block's previous hash, both base64.</summary>
internal sealed record PeerBlockchainInfo(
    [property: JsonPropertyName("height")] ulong Height,
    [property: JsonPropertyName("currentBlockHash")] string CurrentBlockHash,
    [property: JsonPropertyName("previousBlockHash")] string PreviousBlockHash);
