using System.Security.Cryptography;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabricish.Cli.Peer;

/// <summary>The signed proposal Fabric's <c>peer channel join</c> sends: a CONFIG-type proposal with no channel
/// invoking system chaincode <c>cscc</c> with args ["JoinChain", genesis block bytes], its tx id the hash of nonce and
/// creator, signed by the admin.</summary>
internal static class JoinChainProposal
{
    public static SignedProposal Create(SigningIdentity admin, byte[] genesisBlock, DateTimeOffset now)
    {
        ByteString creator = ByteString.CopyFrom(admin.Serialize());
        byte[] nonce = RandomNumberGenerator.GetBytes(24);
        var chaincode = new ChaincodeID { Name = "cscc" };
        var input = new ChaincodeInput();
        input.Args.Add(ByteString.CopyFromUtf8("JoinChain"));
        input.Args.Add(ByteString.CopyFrom(genesisBlock));
        var invocation = new ChaincodeInvocationSpec
        {
            ChaincodeSpec = new ChaincodeSpec { Type = ChaincodeSpec.Types.Type.Golang, ChaincodeId = chaincode, Input = input },
        };
        var header = new Header
        {
            ChannelHeader = new ChannelHeader
            {
                Type = (int)HeaderType.Config,
                TxId = Convert.ToHexStringLower(SHA256.HashData([.. nonce, .. creator.Span])),
                Timestamp = Timestamp.FromDateTimeOffset(now),
                Extension = new ChaincodeHeaderExtension { ChaincodeId = chaincode }.ToByteString(),
            }.ToByteString(),
            SignatureHeader = new SignatureHeader { Creator = creator, Nonce = ByteString.CopyFrom(nonce) }.ToByteString(),
        };
        ByteString proposal = new Proposal
        {
            Header = header.ToByteString(),
            Payload = new ChaincodeProposalPayload { Input = invocation.ToByteString() }.ToByteString(),
        }.ToByteString();
        return new SignedProposal { ProposalBytes = proposal, Signature = ByteString.CopyFrom(admin.Sign(proposal.Span)) };
    }
}
