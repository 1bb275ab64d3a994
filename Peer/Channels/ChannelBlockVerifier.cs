using System.Runtime.CompilerServices;
using Fabricish.Channels.Blocks;
using Fabricish.Channels.Config;
using Fabricish.Committer;
using Fabricish.Committer.Config;
using Fabricish.Protos.Common;

namespace Fabricish.Peer.Channels;

/// <summary>Checks each delivered block against the orderer signatures the channel's current configuration demands
/// (<c>/Channel/Orderer/BlockValidation</c>), so a config block that changes the orderers takes effect for the next
/// block. The genesis block is exempt: it founds the channel and reaches the peer only through an admin's join.</summary>
internal sealed class ChannelBlockVerifier(IChannelConfigSource config) : IBlockVerifier
{
    private readonly ConditionalWeakTable<ChannelConfig, BlockSignatureVerifier> _verifiers = [];

    public string? Verify(Block block)
    {
        ArgumentNullException.ThrowIfNull(block);
        return block.Header is { Number: 0 } ? null : Reason(VerifierFor(config.Current).Verify(block));
    }

    public string? Verify(Block block, ReadOnlySpan<byte> dataHash)
    {
        ArgumentNullException.ThrowIfNull(block);
        return block.Header is { Number: 0 } ? null : Reason(VerifierFor(config.Current).Verify(block, dataHash));
    }

    private static string? Reason(BlockVerificationResult result) => result.IsValid ? null : result.Reason;

    private BlockSignatureVerifier VerifierFor(ChannelConfig current) => _verifiers.GetValue(current, c => new BlockSignatureVerifier(c));
}
