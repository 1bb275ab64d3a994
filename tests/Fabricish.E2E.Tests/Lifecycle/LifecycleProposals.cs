using System.Security.Cryptography;
using Fabricish.Channels.Msp;
using Fabricish.E2E.Tests.Network;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabricish.E2E.Tests.Lifecycle;

/// <summary>Proposals to <c>_lifecycle</c> as the peer CLI builds them: args[0] the function, args[1] the marshaled
/// <c>&lt;Function&gt;Args</c>; an empty channel for install and installed-package queries.</summary>
public static class LifecycleProposals
{
    public const string Lifecycle = "_lifecycle";

    public static ProposalDraft Create(SigningIdentity creator, string channelId, string function, IMessage args)
    {
        ByteString creatorBytes = ByteString.CopyFrom(creator.Serialize());
        byte[] nonce = RandomNumberGenerator.GetBytes(24);
        string txId = Convert.ToHexStringLower(SHA256.HashData([.. nonce, .. creatorBytes.Span]));
        var id = new ChaincodeID { Name = Lifecycle };
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
        input.Args.Add(ByteString.CopyFromUtf8(function));
        input.Args.Add(args.ToByteString());
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
}
