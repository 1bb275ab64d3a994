using Fabricish.Channels.Config;
using Fabricish.Channels.Msp;
using Fabricish.Channels.Policies;
using Fabricish.Endorser.SystemChaincode;
using Fabricish.Protos.Msp;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Peer.SystemChaincode;

/// <summary>Fabric's default ACL checks for qscc and cscc (core/policy's policyChecker), worded as Fabric words them:
/// a channel resource evaluates the channel's <c>/Channel/Application/Readers</c> over the signed proposal; a peer
/// resource checks the creator against the local MSP's Members or Admins principal and verifies its signature.
/// Channel configurations cannot override these (Fabricish reads no ACLs section), so the defaults always apply.</summary>
internal static class SystemChaincodeAccess
{
    public const string Members = "Members";
    public const string Admins = "Admins";

    /// <summary>Null when the proposal satisfies the channel's application Readers, else Fabric's reason.</summary>
    public static string? CheckChannelReaders(string channelId, ChannelConfig? config, SignedProposal signed, ByteString creator)
    {
        if (config is null)
        {
            return $"Failed to get policy manager for channel [{channelId}]";
        }

        PolicyResult readers = config.Policies.GetPolicy(PolicyManager.ApplicationReaders).Evaluate(
            [new SignedData(signed.ProposalBytes.Memory, creator.Memory, signed.Signature.Memory)]);
        return readers.Satisfied
            ? null
            : $"Failed evaluating policy on signed data during check policy on channel [{channelId}] with policy [{PolicyManager.ApplicationReaders}]: [{readers.Reason}]";
    }

    /// <summary>Null when the creator satisfies the local MSP's <paramref name="policy"/> (<see cref="Members"/> or
    /// <see cref="Admins"/>) and signed the proposal, else Fabric's reason (CheckPolicyNoChannel).</summary>
    public static string? CheckLocal(ILocalMspAdmins local, string policy, SignedProposal signed, ByteString creator)
    {
        string? mspId = null;
        try
        {
            mspId = SerializedIdentity.Parser.ParseFrom(creator).Mspid;
        }
        catch (InvalidProtocolBufferException e)
        {
            return $"Failed deserializing proposal creator during channelless check policy with policy [{policy}]: [{e.Message}]";
        }

        if (mspId != local.MspId)
        {
            return $"Failed deserializing proposal creator during channelless check policy with policy [{policy}]: [expected MSP ID {local.MspId}, received {mspId}]";
        }

        IIdentity? identity = local.AuthenticateMember(creator.Span, out string? reason);
        if (identity is null)
        {
            return $"Failed deserializing proposal creator during channelless check policy with policy [{policy}]: [{reason}]";
        }

        if (policy == Admins && local.AuthenticateAdmin(creator.Span, out reason) is null)
        {
            return $"Failed verifying that proposal's creator satisfies local MSP principal during channelless check policy with policy [{policy}]: [{reason}]";
        }

        return identity.Verify(signed.ProposalBytes.Span, signed.Signature.Span) ? null : "The signature is invalid";
    }

    public static Response Success(IMessage message) => new() { Status = 200, Payload = message.ToByteString() };

    public static Response Error(string message) => new() { Status = 500, Message = message };
}
