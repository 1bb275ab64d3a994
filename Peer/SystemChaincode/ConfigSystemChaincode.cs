using Fabricish.Channels.Blocks;
using Fabricish.Endorser.SystemChaincode;
using Fabricish.Ledger;
using Fabricish.Peer.Channels;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using static Fabricish.Peer.SystemChaincode.SystemChaincodeAccess;

namespace Fabricish.Peer.SystemChaincode;

/// <summary>Fabric's <c>cscc</c> (core/scc/cscc): JoinChain (args[1] the genesis block; local MSP admins only),
/// GetChannels (a <c>ChannelQueryResponse</c>; local MSP members), GetChannelConfig and GetConfigBlock (args[1] the
/// channel; its <c>/Channel/Application/Readers</c>), the config as the last config block holds it.</summary>
internal sealed class ConfigSystemChaincode(PeerChannels channels, ChannelJoiner joiner, ILocalMspAdmins local) : ISystemChaincode
{
    public const string ChaincodeName = "cscc";
    public const string GetChannels = "GetChannels";
    public const string GetChannelConfig = "GetChannelConfig";
    public const string GetConfigBlock = "GetConfigBlock";

    public string Name => ChaincodeName;

    public bool AllowsNoChannel(string function) => true;

    public bool ChecksChannellessAccess(string function) => true;

    public async Task<Response> InvokeAsync(SystemChaincodeInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        IReadOnlyList<ByteString> args = invocation.Args;
        string function = invocation.Function;
        if (args.Count < 1 || (function != GetChannels && args.Count < 2))
        {
            return Error($"Incorrect number of arguments, {args.Count}");
        }

        SignedProposal signed = invocation.Proposal.SignedProposal;
        switch (function)
        {
            case ChannelJoiner.JoinChain:
                return (await joiner.JoinAsync(args[1], signed, invocation.Creator, cancellationToken).ConfigureAwait(false)).Response;
            case GetChannels:
                if (CheckLocal(local, Members, signed, invocation.Creator) is { } denied)
                {
                    return Error($"access denied for [{function}]: {denied}");
                }

                var list = new ChannelQueryResponse();
                list.Channels.AddRange(channels.ChannelIds.Select(id => new ChannelInfo { ChannelId = id }));
                return Success(list);
            case GetChannelConfig or GetConfigBlock:
                return ChannelConfigOf(function, args[1].ToStringUtf8(), invocation);
            default:
                return Error($"Requested function {function} not found.");
        }
    }

    private Response ChannelConfigOf(string function, string channelId, SystemChaincodeInvocation invocation)
    {
        if (function == GetChannelConfig && channelId.Length == 0)
        {
            return Error("empty channel name provided");
        }

        PeerChannel? channel = channels.Get(channelId);
        if (CheckChannelReaders(channelId, channel?.Config, invocation.Proposal.SignedProposal, invocation.Creator) is { } denied)
        {
            return Error($"access denied for [{function}][{channelId}]: {denied}");
        }

        if (channel is null)
        {
            return Error(function == GetChannelConfig ? $"unknown channel ID, {channelId}" : $"Unknown channel ID, {channelId}");
        }

        return function == GetChannelConfig ? Success(channel.Config.CloneConfig()) : LastConfigBlockOf(channel.Blocks);
    }

    /// <summary>The config block the newest block's metadata points at (Fabric's ConfigBlockFromLedger).</summary>
    private static Response LastConfigBlockOf(BlockStore blocks)
    {
        Block? last = blocks.Height == 0 ? null : blocks.GetBlock(blocks.Height - 1);
        if (last is null)
        {
            return Error("failed to retrieve the last block: the ledger is empty");
        }

        ulong index = BlockMetadataReader.TryGetLastConfigIndex(last) ?? 0;
        return (index == last.Header.Number ? last : blocks.GetBlock(index)) is { } config
            ? Success(config)
            : Error($"failed to retrieve config block {index} from the ledger");
    }
}
