using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Peer.Events;

/// <summary>A filtered block response kept for the other subscribers of its channel, with the data hash that tells
/// whether a block of the same number is the same block.</summary>
internal sealed record CachedFilteredBlock(ulong Number, ByteString DataHash, DeliverResponse Response);
