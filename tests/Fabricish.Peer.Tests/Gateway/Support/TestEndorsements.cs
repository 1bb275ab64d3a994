using System.Security.Cryptography;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Peer.Tests.Gateway.Support;

/// <summary>Proposal responses as an endorsing peer builds them: a ProposalResponsePayload bound to the proposal,
/// whose chaincode action holds the response, and the peer's signature over payload ‖ identity. The result depends
/// only on the proposal (and the <c>variant</c>), so peers that agree return the same bytes.</summary>
internal static class TestEndorsements
{
    public static ProposalResponse Success(SignedProposal proposal, SigningIdentity peer, string variant = "")
    {
        string args = string.Join(",", Args(proposal));
        var action = new ChaincodeAction
        {
            Response = new Response { Status = 200, Payload = ByteString.CopyFromUtf8("result:" + args + variant) },
            ChaincodeId = new ChaincodeID { Name = "mycc", Version = "1.0" },
        };
        ByteString payload = new ProposalResponsePayload
        {
            ProposalHash = ByteString.CopyFrom(SHA256.HashData(proposal.ProposalBytes.Span)),
            Extension = action.ToByteString(),
        }.ToByteString();
        ByteString endorser = ByteString.CopyFrom(peer.Serialize());
        return new ProposalResponse
        {
            Version = 1,
            // As a peer does, the response repeats the payload; Evaluate must return the signed one regardless.
            Response = new Response { Status = 200, Message = "OK", Payload = ByteString.CopyFromUtf8("unsigned copy") },
            Payload = payload,
            Endorsement = new Endorsement { Endorser = endorser, Signature = ByteString.CopyFrom(peer.Sign([.. payload.Span, .. endorser.Span])) },
        };
    }

    /// <summary>A chaincode error: status 500 with the proposal response payload, nothing endorsed.</summary>
    public static ProposalResponse ChaincodeError(string message) => new()
    {
        Response = new Response { Status = 500, Message = message },
        Payload = new ProposalResponsePayload { Extension = new ChaincodeAction { Response = new Response { Status = 500, Message = message } }.ToByteString() }.ToByteString(),
    };

    /// <summary>A refusal by the peer itself (bad proposal, chaincode not found): 500 without payload.</summary>
    public static ProposalResponse PeerError(string message) => new() { Response = new Response { Status = 500, Message = message } };

    public static IEnumerable<string> Args(SignedProposal proposal)
    {
        Proposal parsed = Proposal.Parser.ParseFrom(proposal.ProposalBytes);
        ChaincodeProposalPayload payload = ChaincodeProposalPayload.Parser.ParseFrom(parsed.Payload);
        ChaincodeInvocationSpec spec = ChaincodeInvocationSpec.Parser.ParseFrom(payload.Input);
        return spec.ChaincodeSpec.Input.Args.Select(a => a.ToStringUtf8());
    }
}
