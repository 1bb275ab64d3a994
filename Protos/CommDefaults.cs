namespace Fabricish.Protos;

/// <summary>
/// The largest gRPC message a node receives or sends unless configured otherwise: Fabric's comm package defaults
/// (<c>DefaultMaxRecvMsgSize</c>, <c>DefaultMaxSendMsgSize</c>), which are also the orderer's General.MaxRecvMsgSize /
/// MaxSendMsgSize and the peer's peer.maxRecvMsgSize / maxSendMsgSize defaults. gRPC's own 4 MB default would refuse,
/// with a transport error instead of the orderer's size refusal, envelopes and blocks that a channel's AbsoluteMaxBytes
/// allows; 100 MiB carries anything up to Fabric's sample 99 MB.
/// </summary>
public static class CommDefaults
{
    public const int MaxRecvMsgSize = 100 * 1024 * 1024;

    public const int MaxSendMsgSize = 100 * 1024 * 1024;
}
