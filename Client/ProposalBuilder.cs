using System.Security.Cryptography;
using System.Text;
using Fabricish.Protos.Common;
using Fabricish.Protos.Gateway;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using ProposalMessage = Fabricish.Protos.Peer.Proposal;

namespace Fabricish.Client;

/// <summary>Builds proposals exactly as Fabric's gateway clients do: a 24-byte random nonce, the transaction ID
/// hex(SHA-256(nonce ‖ creator)), an ENDORSER_TRANSACTION channel header with the chaincode in its extension, and a
/// ChaincodeInvocationSpec whose first argument is the transaction name.</summary>
internal static class ProposalBuilder
{
    public const int NonceLength = 24;

    /// <summary>The proposal, unsigned; <paramref name="nonce"/> and <paramref name="timestamp"/> are fixed only by tests.</summary>
    public static ProposedTransaction Build(
        SigningContext signing,
        string channelId,
        string chaincodeName,
        string transactionName,
        ProposalOptions options,
        byte[]? nonce = null,
        DateTimeOffset? timestamp = null)
    {
        nonce ??= RandomNumberGenerator.GetBytes(NonceLength);
        string transactionId = TransactionId(nonce, signing.CreatorSpan);
        var chaincodeId = new ChaincodeID { Name = chaincodeName };
        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.EndorserTransaction,
            ChannelId = channelId,
            TxId = transactionId,
            Timestamp = Timestamp.FromDateTimeOffset(timestamp ?? DateTimeOffset.UtcNow),
            Epoch = 0,
            Extension = new ChaincodeHeaderExtension { ChaincodeId = chaincodeId }.ToByteString(),
        };
        var header = new Header
        {
            ChannelHeader = channelHeader.ToByteString(),
            SignatureHeader = new SignatureHeader { Creator = signing.Creator, Nonce = ByteString.CopyFrom(nonce) }.ToByteString(),
        };
        var input = new ChaincodeInput();
        input.Args.Add(ByteString.CopyFrom(Encoding.UTF8.GetBytes(transactionName)));
        input.Args.AddRange(options.Arguments.Select(ByteString.CopyFrom));
        var invocation = new ChaincodeInvocationSpec
        {
            ChaincodeSpec = new ChaincodeSpec { Type = ChaincodeSpec.Types.Type.Node, ChaincodeId = chaincodeId, Input = input },
        };
        var payload = new ChaincodeProposalPayload { Input = invocation.ToByteString() };
        foreach (var (key, value) in options.TransientData)
        {
            payload.TransientMap.Add(key, ByteString.CopyFrom(value));
        }

        var proposal = new ProposalMessage { Header = header.ToByteString(), Payload = payload.ToByteString() };
        var result = new ProposedTransaction
        {
            TransactionId = transactionId,
            Proposal = new SignedProposal { ProposalBytes = proposal.ToByteString() },
        };
        result.EndorsingOrganizations.AddRange(options.EndorsingOrganizations);
        return result;
    }

    /// <summary>Fabric's transaction ID (protoutil.ComputeTxID): always SHA-256, whatever hash the signer uses.</summary>
    public static string TransactionId(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> creator)
    {
        byte[] salted = new byte[nonce.Length + creator.Length];
        nonce.CopyTo(salted);
        creator.CopyTo(salted.AsSpan(nonce.Length));
        return Convert.ToHexStringLower(SHA256.HashData(salted));
    }
}
