using System.Buffers.Binary;
using System.Security.Cryptography;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Chaincode.Shim;

/// <summary>What a stub derives from the transaction's signed proposal: creator, transient data, timestamp and
/// binding, decoded once as Fabric's shim does when it builds the stub.</summary>
internal sealed class ProposalContext
{
    // HeaderType values for which a chaincode can be executing (common.HeaderType).
    private const int EndorserTransaction = 3;
    private const int Config = 1;

    private ProposalContext(
        byte[] creator,
        IReadOnlyDictionary<string, byte[]> transient,
        DateTimeOffset? timestamp,
        byte[] binding)
    {
        Creator = creator;
        Transient = transient;
        Timestamp = timestamp;
        Binding = binding;
    }

    public static ProposalContext Empty { get; } = new([], new Dictionary<string, byte[]>(), null, []);

    public byte[] Creator { get; }

    public IReadOnlyDictionary<string, byte[]> Transient { get; }

    public DateTimeOffset? Timestamp { get; }

    public byte[] Binding { get; }

    /// <summary>Decodes a proposal; malformed proposals are infrastructure failures of the peer and throw.</summary>
    public static ProposalContext Decode(SignedProposal? signedProposal)
    {
        if (signedProposal is null || signedProposal.ProposalBytes.IsEmpty)
        {
            return Empty;
        }

        var proposal = Proposal.Parser.ParseFrom(signedProposal.ProposalBytes);
        var header = Header.Parser.ParseFrom(proposal.Header);
        var channelHeader = ChannelHeader.Parser.ParseFrom(header.ChannelHeader);
        if (channelHeader.Type is not (EndorserTransaction or Config))
        {
            throw new InvalidOperationException($"invalid channel header type. Expected {EndorserTransaction} or {Config}, received {channelHeader.Type}");
        }

        var signatureHeader = SignatureHeader.Parser.ParseFrom(header.SignatureHeader);
        var payload = ChaincodeProposalPayload.Parser.ParseFrom(proposal.Payload);
        var transient = payload.TransientMap.ToDictionary(e => e.Key, e => e.Value.ToByteArray());
        return new ProposalContext(
            signatureHeader.Creator.ToByteArray(),
            transient,
            channelHeader.Timestamp?.ToDateTimeOffset(),
            ComputeBinding(signatureHeader, channelHeader.Epoch));
    }

    // Fabric's proposal binding: SHA-256 over nonce, creator and the little-endian epoch.
    private static byte[] ComputeBinding(SignatureHeader signatureHeader, ulong epoch)
    {
        Span<byte> epochBytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(epochBytes, epoch);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(signatureHeader.Nonce.Span);
        hash.AppendData(signatureHeader.Creator.Span);
        hash.AppendData(epochBytes);
        return hash.GetHashAndReset();
    }
}
