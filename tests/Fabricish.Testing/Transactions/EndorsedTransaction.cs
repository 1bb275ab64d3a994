using System.Security.Cryptography;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabricish.Testing.Transactions;

/// <summary>Builds an endorser transaction the way a Fabric client and endorsers do (protoutil): a proposal header,
/// a ProposalResponsePayload over the proposal hash carrying the ChaincodeAction with the read-write set (and a
/// chaincode event, if any), one endorsement per endorser signed over payload ‖ endorser, and the client-signed
/// envelope. Knobs break exactly one step for the negative tests; <c>with</c> keeps the nonce, so a copy has the same
/// tx id.</summary>
public sealed record EndorsedTransaction(SigningIdentity Creator, TxReadWriteSet Results)
{
    private readonly IReadOnlyList<SigningIdentity>? _endorsers;

    public string ChannelId { get; init; } = TestNetwork.ChannelId;

    public string Chaincode { get; init; } = TestNetwork.Chaincode;

    /// <summary>The chaincode function invoked (the proposal's first argument).</summary>
    public string Function { get; init; } = "invoke";

    /// <summary>Who endorses; unless set, the <see cref="TestNetwork.Shared"/> network's Org1 and Org2 peers.</summary>
    public IReadOnlyList<SigningIdentity> Endorsers
    {
        // Resolved on read: a builder given its endorsers must not create the shared network's CAs.
        get => _endorsers ?? [TestNetwork.Shared.Org1Peer, TestNetwork.Shared.Org2Peer];
        init => _endorsers = value;
    }

    /// <summary>The chaincode event the action carries (none when null).</summary>
    public (string Name, string Payload)? Event { get; init; }

    /// <summary>Reusing a nonce reproduces the same tx id (a replay).</summary>
    public byte[] Nonce { get; init; } = RandomNumberGenerator.GetBytes(24);

    public string? TxIdOverride { get; init; }

    /// <summary>Signs the envelope with this identity's key while naming <see cref="Creator"/> in the header.</summary>
    public SigningIdentity? EnvelopeSigner { get; init; }

    /// <summary>Flips a bit in this endorsement's signature after signing.</summary>
    public int? TamperedEndorsement { get; init; }

    /// <summary>This endorser signs a response payload with different results from the one in the transaction.</summary>
    public int? EndorsementOverOtherPayload { get; init; }

    public bool CorruptProposalHash { get; init; }

    public string TxId => TxIdOverride ?? Convert.ToHexStringLower(SHA256.HashData([.. Nonce, .. Creator.Serialize()]));

    public Envelope Build()
    {
        string txId = TxId;
        ByteString channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.EndorserTransaction,
            ChannelId = ChannelId,
            TxId = txId,
            Timestamp = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            Extension = new ChaincodeHeaderExtension { ChaincodeId = new ChaincodeID { Name = Chaincode } }.ToByteString(),
        }.ToByteString();
        ByteString signatureHeader = new SignatureHeader { Creator = ByteString.CopyFrom(Creator.Serialize()), Nonce = ByteString.CopyFrom(Nonce) }.ToByteString();
        var input = new ChaincodeInvocationSpec { ChaincodeSpec = new ChaincodeSpec { ChaincodeId = new ChaincodeID { Name = Chaincode }, Input = new ChaincodeInput() } };
        input.ChaincodeSpec.Input.Args.Add(ByteString.CopyFromUtf8(Function));

        // The transient map never reaches the transaction, so the hash is over the payload without it.
        ByteString proposalPayload = new ChaincodeProposalPayload { Input = input.ToByteString() }.ToByteString();
        byte[] proposalHash = SHA256.HashData([.. channelHeader.Span, .. signatureHeader.Span, .. proposalPayload.Span]);
        if (CorruptProposalHash)
        {
            proposalHash[0] ^= 1;
        }

        ByteString response = ResponsePayload(proposalHash, Results, txId);
        var endorsed = new ChaincodeEndorsedAction { ProposalResponsePayload = response };
        IReadOnlyList<SigningIdentity> endorsers = Endorsers;
        for (int i = 0; i < endorsers.Count; i++)
        {
            ByteString endorser = ByteString.CopyFrom(endorsers[i].Serialize());
            ByteString signedPayload = i == EndorsementOverOtherPayload ? ResponsePayload(proposalHash, new RwSet(Chaincode).Write("other", "x").Build(), txId) : response;
            byte[] signature = endorsers[i].Sign([.. signedPayload.Span, .. endorser.Span]);
            if (i == TamperedEndorsement)
            {
                signature[^1] ^= 1;
            }

            endorsed.Endorsements.Add(new Endorsement { Endorser = endorser, Signature = ByteString.CopyFrom(signature) });
        }

        var transaction = new Transaction();
        transaction.Actions.Add(new TransactionAction
        {
            Header = signatureHeader,
            Payload = new ChaincodeActionPayload { ChaincodeProposalPayload = proposalPayload, Action = endorsed }.ToByteString(),
        });
        ByteString payload = new Payload
        {
            Header = new Header { ChannelHeader = channelHeader, SignatureHeader = signatureHeader },
            Data = transaction.ToByteString(),
        }.ToByteString();
        SigningIdentity signer = EnvelopeSigner ?? Creator;
        return new Envelope { Payload = payload, Signature = ByteString.CopyFrom(signer.Sign(payload.Span)) };
    }

    private ByteString ResponsePayload(byte[] proposalHash, TxReadWriteSet results, string txId)
    {
        var action = new ChaincodeAction
        {
            Results = results.ToByteString(),
            Response = new Response { Status = 200 },
            ChaincodeId = new ChaincodeID { Name = Chaincode, Version = "1.0" },
        };
        if (Event is { } e)
        {
            action.Events = new ChaincodeEvent { ChaincodeId = Chaincode, TxId = txId, EventName = e.Name, Payload = ByteString.CopyFromUtf8(e.Payload) }.ToByteString();
        }

        return new ProposalResponsePayload { ProposalHash = ByteString.CopyFrom(proposalHash), Extension = action.ToByteString() }.ToByteString();
    }
}
