using System.Security.Cryptography;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace Fabricish.Peer.Admin;

/// <summary>
/// Checks a configuration-system-chaincode proposal exactly as Fabric's <c>peer channel join</c> sends it to
/// <c>cscc</c> (a <c>SignedProposal</c> whose <c>ChaincodeInvocationSpec</c> names chaincode <c>cscc</c> and args
/// [function, ...]): well formed, fresh (timestamp within the window), tx id bound to nonce and creator. Whether the creator is an admin of this peer's local MSP, and its signature, are cscc's JoinChain check
/// (<see cref="SystemChaincode.ChannelJoiner"/>), the same on this admin HTTP endpoint as through
/// Endorser.ProcessProposal.
/// </summary>
internal static class AdminProposal
{
    public const string SystemChaincode = "cscc";
    public const string JoinChain = "JoinChain";

    public static AdminRequest Verify(ReadOnlySpan<byte> body, string function, DateTimeOffset now, TimeSpan window)
    {
        try
        {
            SignedProposal signed = SignedProposal.Parser.ParseFrom(body);
            Proposal proposal = Proposal.Parser.ParseFrom(signed.ProposalBytes);
            Header header = Header.Parser.ParseFrom(proposal.Header);
            ChannelHeader channelHeader = ChannelHeader.Parser.ParseFrom(header.ChannelHeader);
            SignatureHeader signatureHeader = SignatureHeader.Parser.ParseFrom(header.SignatureHeader);
            if (channelHeader.Type is not ((int)HeaderType.Config or (int)HeaderType.EndorserTransaction))
            {
                return AdminRequest.Refused(StatusCodes.Status400BadRequest, $"proposal has header type {(HeaderType)channelHeader.Type}, expected CONFIG");
            }

            if (channelHeader.Timestamp is null || (now - channelHeader.Timestamp.ToDateTimeOffset()).Duration() > window)
            {
                return AdminRequest.Refused(StatusCodes.Status400BadRequest, $"proposal timestamp is missing or more than {window} from the peer's clock");
            }

            string expectedTxId = Convert.ToHexStringLower(SHA256.HashData([.. signatureHeader.Nonce.Span, .. signatureHeader.Creator.Span]));
            if (!string.Equals(channelHeader.TxId, expectedTxId, StringComparison.Ordinal))
            {
                return AdminRequest.Refused(StatusCodes.Status400BadRequest, "proposal tx id is not the hash of its nonce and creator");
            }

            ChaincodeProposalPayload payload = ChaincodeProposalPayload.Parser.ParseFrom(proposal.Payload);
            ChaincodeSpec? spec = ChaincodeInvocationSpec.Parser.ParseFrom(payload.Input).ChaincodeSpec;
            if (spec?.ChaincodeId?.Name != SystemChaincode || spec.Input is null || spec.Input.Args.Count == 0)
            {
                return AdminRequest.Refused(StatusCodes.Status400BadRequest, $"proposal does not invoke {SystemChaincode}");
            }

            if (spec.Input.Args[0].ToStringUtf8() != function)
            {
                return AdminRequest.Refused(StatusCodes.Status400BadRequest, $"proposal invokes {SystemChaincode} {spec.Input.Args[0].ToStringUtf8()}, expected {function}");
            }

            return new AdminRequest(signed, signatureHeader.Creator, [.. spec.Input.Args.Skip(1)], StatusCodes.Status200OK, null);
        }
        catch (InvalidProtocolBufferException e)
        {
            return AdminRequest.Refused(StatusCodes.Status400BadRequest, $"request body is not a signed proposal: {e.Message}");
        }
    }
}
