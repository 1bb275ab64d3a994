using Fabricish.Channels.Blocks;
using Fabricish.Protos.Common;

namespace Fabricish.Explorer.Ledger;

/// <summary>A block as its detail page shows it: header hashes, the orderer's signatures over it, the last config
/// block it names, the peer's commit hash, and each transaction with its validation code.</summary>
public sealed record BlockDetail(
    BlockSummary Summary,
    ulong? LastConfig,
    IReadOnlyList<(IdentityView Signer, string Signature)> OrdererSignatures,
    string? CommitHash,
    IReadOnlyList<TransactionDetail> Transactions)
{
    public static BlockDetail From(Block block, DateTimeOffset seen)
    {
        ArgumentNullException.ThrowIfNull(block);
        Metadata? signatures = BlockMetadataReader.TryGetMetadata(block, BlockMetadataIndex.Signatures);
        var signers = new List<(IdentityView, string)>();
        foreach (MetadataSignature signature in signatures?.Signatures ?? [])
        {
            SignatureHeader? header = EnvelopeReader.TryParse(SignatureHeader.Parser, signature.SignatureHeader);
            signers.Add((header is null ? new IdentityView("?", "(unreadable signature header)") : IdentityView.From(header.Creator),
                Convert.ToHexStringLower(signature.Signature.Span)));
        }

        Metadata? commitHash = BlockMetadataReader.TryGetMetadata(block, BlockMetadataIndex.CommitHash);
        return new BlockDetail(
            BlockSummary.From(block, seen),
            BlockMetadataReader.TryGetLastConfigIndex(block),
            signers,
            commitHash is { Value.IsEmpty: false } ? Convert.ToHexStringLower(commitHash.Value.Span) : null,
            [.. Enumerable.Range(0, block.Data.Data.Count).Select(i => TransactionDetail.Decode(block, i))]);
    }
}
