using System.Security.Cryptography;
using Fabricish.Channels.Msp;
using Fabricish.Endorser.Validation;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Benchmarks.Endorsing;

/// <summary>Signed proposals as a Fabric client builds them, made before the clock starts so that client signing is
/// not counted against the endorser.</summary>
internal static class BenchProposals
{
    public static SignedProposal Build(SigningIdentity creator, string channelId, string chaincode, params string[] args)
    {
        byte[] nonce = RandomNumberGenerator.GetBytes(24);
        byte[] creatorBytes = creator.Serialize();
        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.EndorserTransaction,
            ChannelId = channelId,
            TxId = ProposalValidator.ComputeTxId(nonce, creatorBytes),
            Timestamp = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            Extension = new ChaincodeHeaderExtension { ChaincodeId = new ChaincodeID { Name = chaincode } }.ToByteString(),
        };
        var input = new ChaincodeInput();
        input.Args.AddRange(args.Select(ByteString.CopyFromUtf8));
        var invocation = new ChaincodeInvocationSpec
        {
            ChaincodeSpec = new ChaincodeSpec { Type = ChaincodeSpec.Types.Type.Golang, ChaincodeId = new ChaincodeID { Name = chaincode }, Input = input },
        };
        var proposal = new Proposal
        {
            Header = new Header
            {
                ChannelHeader = channelHeader.ToByteString(),
                SignatureHeader = new SignatureHeader { Creator = ByteString.CopyFrom(creatorBytes), Nonce = ByteString.CopyFrom(nonce) }.ToByteString(),
            }.ToByteString(),
            Payload = new ChaincodeProposalPayload { Input = invocation.ToByteString() }.ToByteString(),
        };
        byte[] bytes = proposal.ToByteArray();
        return new SignedProposal { ProposalBytes = ByteString.CopyFrom(bytes), Signature = ByteString.CopyFrom(creator.Sign(bytes)) };
    }
}
