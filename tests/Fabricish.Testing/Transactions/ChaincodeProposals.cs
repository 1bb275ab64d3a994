using System.Security.Cryptography;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabricish.Testing.Transactions;

/// <summary>What a Fabric client SDK does around endorsement (protoutil): a signed chaincode proposal whose txid is
/// bound to its nonce and creator, and the transaction envelope built from the endorsements it collected.</summary>
public static class ChaincodeProposals
{
    /// <summary>An invocation of <paramref name="chaincode"/> with UTF-8 arguments (the function first).</summary>
    public static ProposalDraft Create(SigningIdentity creator, string channelId, string chaincode, params string[] args) =>
        Create(creator, channelId, chaincode, [.. args.Select(ByteString.CopyFromUtf8)]);

    /// <param name="channelId">Empty for the channel-less system chaincode functions (cscc JoinChain, lifecycle install).</param>
    /// <param name="type">Endorser transaction, except Fabric's <c>peer channel join</c>, which sends a Config header.</param>
    /// <param name="transient">Private inputs; they travel in the proposal only, never in the transaction.</param>
    public static ProposalDraft Create(
        SigningIdentity creator,
        string channelId,
        string chaincode,
        IEnumerable<ByteString> args,
        HeaderType type = HeaderType.EndorserTransaction,
        IEnumerable<KeyValuePair<string, byte[]>>? transient = null)
    {
        ArgumentNullException.ThrowIfNull(creator);
        ByteString creatorBytes = ByteString.CopyFrom(creator.Serialize());
        byte[] nonce = RandomNumberGenerator.GetBytes(24);
        string txId = Convert.ToHexStringLower(SHA256.HashData([.. nonce, .. creatorBytes.Span]));
        var id = new ChaincodeID { Name = chaincode };
        var header = new Header
        {
            ChannelHeader = new ChannelHeader
            {
                Type = (int)type,
                ChannelId = channelId,
                TxId = txId,
                Timestamp = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
                Extension = new ChaincodeHeaderExtension { ChaincodeId = id }.ToByteString(),
            }.ToByteString(),
            SignatureHeader = new SignatureHeader { Creator = creatorBytes, Nonce = ByteString.CopyFrom(nonce) }.ToByteString(),
        };
        var input = new ChaincodeInput();
        input.Args.AddRange(args);
        var payload = new ChaincodeProposalPayload
        {
            Input = new ChaincodeInvocationSpec
            {
                ChaincodeSpec = new ChaincodeSpec { Type = ChaincodeSpec.Types.Type.Golang, ChaincodeId = id, Input = input },
            }.ToByteString(),
        };
        ByteString withoutTransient = payload.ToByteString();
        foreach ((string key, byte[] value) in transient ?? [])
        {
            payload.TransientMap[key] = ByteString.CopyFrom(value);
        }

        ByteString proposal = new Proposal { Header = header.ToByteString(), Payload = payload.ToByteString() }.ToByteString();
        var signed = new SignedProposal { ProposalBytes = proposal, Signature = ByteString.CopyFrom(creator.Sign(proposal.Span)) };
        return new ProposalDraft(txId, header, withoutTransient, signed);
    }

    /// <summary>The transaction the endorsements vouch for, signed by the submitting client.</summary>
    public static Envelope Transaction(ProposalDraft draft, SigningIdentity client, params ProposalResponse[] responses)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(client);
        var endorsed = new ChaincodeEndorsedAction { ProposalResponsePayload = responses[0].Payload };
        endorsed.Endorsements.AddRange(responses.Select(r => r.Endorsement));
        var transaction = new Transaction();
        transaction.Actions.Add(new TransactionAction
        {
            Header = draft.Header.SignatureHeader,
            Payload = new ChaincodeActionPayload { ChaincodeProposalPayload = draft.ProposalPayload, Action = endorsed }.ToByteString(),
        });
        ByteString payload = new Payload { Header = draft.Header, Data = transaction.ToByteString() }.ToByteString();
        return new Envelope { Payload = payload, Signature = ByteString.CopyFrom(client.Sign(payload.Span)) };
    }
}
