using System.Security.Cryptography;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabricish.Cli.Peer;

/// <summary>The signed proposals Fabric's <c>peer channel</c> commands send to a system chaincode: no channel in the
/// header (the channel, if any, is an argument), a CONFIG header for <c>join</c> and an endorser-transaction header
/// otherwise, the tx id the hash of nonce and creator.</summary>
internal static class SystemChaincodeProposal
{
    public static SignedProposal Create(SigningIdentity signer, HeaderType type, string chaincode, IEnumerable<ByteString> args, DateTimeOffset now)
    {
        ByteString creator = ByteString.CopyFrom(signer.Serialize());
        byte[] nonce = RandomNumberGenerator.GetBytes(24);
        var chaincodeId = new ChaincodeID { Name = chaincode };
        var input = new ChaincodeInput();
        input.Args.AddRange(args);
        var invocation = new ChaincodeInvocationSpec
        {
            ChaincodeSpec = new ChaincodeSpec { Type = ChaincodeSpec.Types.Type.Golang, ChaincodeId = chaincodeId, Input = input },
        };
        var header = new Header
        {
            ChannelHeader = new ChannelHeader
            {
                Type = (int)type,
                TxId = Convert.ToHexStringLower(SHA256.HashData([.. nonce, .. creator.Span])),
                Timestamp = Timestamp.FromDateTimeOffset(now),
                Extension = new ChaincodeHeaderExtension { ChaincodeId = chaincodeId }.ToByteString(),
            }.ToByteString(),
            SignatureHeader = new SignatureHeader { Creator = creator, Nonce = ByteString.CopyFrom(nonce) }.ToByteString(),
        };
        ByteString proposal = new Proposal
        {
            Header = header.ToByteString(),
            Payload = new ChaincodeProposalPayload { Input = invocation.ToByteString() }.ToByteString(),
        }.ToByteString();
        return new SignedProposal { ProposalBytes = proposal, Signature = ByteString.CopyFrom(signer.Sign(proposal.Span)) };
    }
}
