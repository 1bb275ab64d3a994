using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabricish.Channels.Crypto;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Fabricish.Protos.Msp;
using Fabricish.Protos.Orderer;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabricish.E2E.Tests.Network;

/// <summary>What a Fabric client SDK does around endorsement (protoutil): signed proposals, endorsement checks,
/// the transaction envelope built from the endorsements, and signed deliver requests.</summary>
public static class Proposals
{
    public static ProposalDraft Chaincode(SigningIdentity creator, string channelId, string chaincode, params string[] args)
    {
        ByteString creatorBytes = ByteString.CopyFrom(creator.Serialize());
        byte[] nonce = RandomNumberGenerator.GetBytes(24);
        string txId = Convert.ToHexStringLower(SHA256.HashData([.. nonce, .. creatorBytes.Span]));
        var id = new ChaincodeID { Name = chaincode };
        var header = new Header
        {
            ChannelHeader = new ChannelHeader
            {
                Type = (int)HeaderType.EndorserTransaction,
                ChannelId = channelId,
                TxId = txId,
                Timestamp = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
                Extension = new ChaincodeHeaderExtension { ChaincodeId = id }.ToByteString(),
            }.ToByteString(),
            SignatureHeader = new SignatureHeader { Creator = creatorBytes, Nonce = ByteString.CopyFrom(nonce) }.ToByteString(),
        };
        var input = new ChaincodeInput();
        input.Args.AddRange(args.Select(ByteString.CopyFromUtf8));
        ByteString payload = new ChaincodeProposalPayload
        {
            Input = new ChaincodeInvocationSpec
            {
                ChaincodeSpec = new ChaincodeSpec { Type = ChaincodeSpec.Types.Type.Golang, ChaincodeId = id, Input = input },
            }.ToByteString(),
        }.ToByteString();
        ByteString proposal = new Proposal { Header = header.ToByteString(), Payload = payload }.ToByteString();
        var signed = new SignedProposal { ProposalBytes = proposal, Signature = ByteString.CopyFrom(creator.Sign(proposal.Span)) };
        return new ProposalDraft(txId, header, payload, signed);
    }

    /// <summary>Fabric's <c>peer channel join</c> request: cscc JoinChain with the genesis block, signed by an admin.</summary>
    public static SignedProposal JoinChain(SigningIdentity admin, byte[] genesisBlock)
    {
        ByteString creator = ByteString.CopyFrom(admin.Serialize());
        byte[] nonce = RandomNumberGenerator.GetBytes(24);
        var chaincode = new ChaincodeID { Name = "cscc" };
        var input = new ChaincodeInput();
        input.Args.Add(ByteString.CopyFromUtf8("JoinChain"));
        input.Args.Add(ByteString.CopyFrom(genesisBlock));
        var header = new Header
        {
            ChannelHeader = new ChannelHeader
            {
                Type = (int)HeaderType.Config,
                TxId = Convert.ToHexStringLower(SHA256.HashData([.. nonce, .. creator.Span])),
                Timestamp = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
                Extension = new ChaincodeHeaderExtension { ChaincodeId = chaincode }.ToByteString(),
            }.ToByteString(),
            SignatureHeader = new SignatureHeader { Creator = creator, Nonce = ByteString.CopyFrom(nonce) }.ToByteString(),
        };
        var invocation = new ChaincodeInvocationSpec
        {
            ChaincodeSpec = new ChaincodeSpec { Type = ChaincodeSpec.Types.Type.Golang, ChaincodeId = chaincode, Input = input },
        };
        ByteString proposal = new Proposal
        {
            Header = header.ToByteString(),
            Payload = new ChaincodeProposalPayload { Input = invocation.ToByteString() }.ToByteString(),
        }.ToByteString();
        return new SignedProposal { ProposalBytes = proposal, Signature = ByteString.CopyFrom(admin.Sign(proposal.Span)) };
    }

    /// <summary>Whether the endorsement is a signature over payload ‖ endorser by the key of <paramref name="certificate"/>,
    /// with the endorser naming that certificate.</summary>
    public static bool EndorsedBy(ProposalResponse response, X509Certificate2 certificate, string mspId)
    {
        var endorser = SerializedIdentity.Parser.ParseFrom(response.Endorsement.Endorser);
        using X509Certificate2 named = X509Certificate2.CreateFromPem(endorser.IdBytes.ToStringUtf8());
        using ECDsa key = certificate.GetECDsaPublicKey()!;
        return endorser.Mspid == mspId
            && named.RawData.AsSpan().SequenceEqual(certificate.RawData)
            && Signatures.Verify(key, [.. response.Payload.Span, .. response.Endorsement.Endorser.Span], response.Endorsement.Signature.Span);
    }

    /// <summary>The transaction the endorsements vouch for, signed by the submitting client.</summary>
    public static Envelope Transaction(ProposalDraft draft, SigningIdentity client, params ProposalResponse[] responses)
    {
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

    /// <summary>The simulation's read-write set of one namespace, from the endorsed ChaincodeAction.</summary>
    public static KVRWSet ReadWriteSet(ProposalResponse response, string ns)
    {
        var action = ChaincodeAction.Parser.ParseFrom(ProposalResponsePayload.Parser.ParseFrom(response.Payload).Extension);
        NsReadWriteSet set = TxReadWriteSet.Parser.ParseFrom(action.Results).NsRwset.Single(n => n.Namespace == ns);
        return KVRWSet.Parser.ParseFrom(set.Rwset);
    }

    /// <summary>A DELIVER_SEEK_INFO request from <paramref name="start"/> on, waiting for blocks not yet committed.</summary>
    public static Envelope Seek(SigningIdentity requester, string channelId, ulong start)
    {
        var seek = new SeekInfo
        {
            Start = new SeekPosition { Specified = new SeekSpecified { Number = start } },
            Stop = new SeekPosition { Specified = new SeekSpecified { Number = ulong.MaxValue } },
            Behavior = SeekInfo.Types.SeekBehavior.BlockUntilReady,
        };
        byte[] nonce = RandomNumberGenerator.GetBytes(24);
        ByteString payload = new Payload
        {
            Header = new Header
            {
                ChannelHeader = new ChannelHeader
                {
                    Type = (int)HeaderType.DeliverSeekInfo,
                    ChannelId = channelId,
                    TxId = Convert.ToHexStringLower(SHA256.HashData(nonce)),
                    Timestamp = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
                }.ToByteString(),
                SignatureHeader = new SignatureHeader { Creator = ByteString.CopyFrom(requester.Serialize()), Nonce = ByteString.CopyFrom(nonce) }.ToByteString(),
            },
            Data = seek.ToByteString(),
        }.ToByteString();
        return new Envelope { Payload = payload, Signature = ByteString.CopyFrom(requester.Sign(payload.Span)) };
    }
}
