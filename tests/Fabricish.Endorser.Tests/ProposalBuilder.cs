using System.Security.Cryptography;
using Fabricish.Channels.Msp;
using Fabricish.Endorser.Validation;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabricish.Endorser.Tests;

/// <summary>Builds a signed proposal as a Fabric client does; each property lets a test break one thing.</summary>
internal sealed class ProposalBuilder(SigningIdentity creator, string chaincode, params string[] args)
{
    public string ChannelId { get; set; } = TestNetwork.ChannelId;

    public HeaderType Type { get; set; } = HeaderType.EndorserTransaction;

    public ulong Epoch { get; set; }

    public byte[] Nonce { get; set; } = RandomNumberGenerator.GetBytes(24);

    public byte[] Creator { get; set; } = creator.Serialize();

    /// <summary>Null computes the txid from nonce and creator, as clients must.</summary>
    public string? TxId { get; set; }

    public DateTimeOffset Timestamp { get; set; } = DateTimeOffset.UtcNow;

    public Dictionary<string, byte[]> Transient { get; } = [];

    public bool IsInit { get; set; }

    /// <summary>Signs with another key than the creator's, when set.</summary>
    public SigningIdentity? Signer { get; set; }

    public string ExpectedTxId => TxId ?? ProposalValidator.ComputeTxId(Nonce, Creator);

    public SignedProposal Build()
    {
        var extension = new ChaincodeHeaderExtension { ChaincodeId = new ChaincodeID { Name = chaincode } };
        var channelHeader = new ChannelHeader
        {
            Type = (int)Type,
            Version = 0,
            ChannelId = ChannelId,
            TxId = ExpectedTxId,
            Epoch = Epoch,
            Timestamp = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(Timestamp),
            Extension = extension.ToByteString(),
        };
        var signatureHeader = new SignatureHeader { Creator = ByteString.CopyFrom(Creator), Nonce = ByteString.CopyFrom(Nonce) };
        var input = new ChaincodeInput { IsInit = IsInit };
        input.Args.AddRange(args.Select(ByteString.CopyFromUtf8));
        var invocation = new ChaincodeInvocationSpec
        {
            ChaincodeSpec = new ChaincodeSpec { Type = ChaincodeSpec.Types.Type.Golang, ChaincodeId = new ChaincodeID { Name = chaincode }, Input = input },
        };
        var payload = new ChaincodeProposalPayload { Input = invocation.ToByteString() };
        foreach ((string key, byte[] value) in Transient)
        {
            payload.TransientMap[key] = ByteString.CopyFrom(value);
        }

        var proposal = new Proposal
        {
            Header = new Header { ChannelHeader = channelHeader.ToByteString(), SignatureHeader = signatureHeader.ToByteString() }.ToByteString(),
            Payload = payload.ToByteString(),
        };
        byte[] bytes = proposal.ToByteArray();
        return new SignedProposal { ProposalBytes = ByteString.CopyFrom(bytes), Signature = ByteString.CopyFrom((Signer ?? creator).Sign(bytes)) };
    }
}
