using System.Globalization;
using System.Security.Cryptography;
using Fabricish.Channels.Msp;
using Fabricish.Channels.Policies;
using Fabricish.Endorser.SystemChaincode;
using Fabricish.Protos.Common;
using Fabricish.Protos.Msp;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Endorser.Validation;

/// <summary>The checks Fabric's endorser makes before it runs any chaincode (UnpackProposal, Validate and
/// preProcess): well-formed proposal, known channel, endorser transaction, txid bound to nonce and creator, a
/// valid creator whose signature verifies, no committed transaction with the same id, and the channel's
/// application policy. Proposals to a system chaincode skip the application policy (the system chaincode checks each
/// function's own ACL, as in Fabric); only their channel-less functions may come without a channel, from an admin of
/// the peer's local MSP. Every refusal is a 500 response worded as Fabric words it.</summary>
public sealed class ProposalValidator
{
    private const string ValidationPrefix = "error validating proposal: ";

    private readonly IEndorserChannels _channels;
    private readonly ProposalValidatorOptions _options;
    private readonly TimeProvider _time;
    private readonly IReadOnlyDictionary<string, ISystemChaincode> _systemChaincodes;
    private readonly ILocalMspAdmins? _localAdmins;

    public ProposalValidator(
        IEndorserChannels channels,
        ProposalValidatorOptions? options = null,
        TimeProvider? time = null,
        IReadOnlyDictionary<string, ISystemChaincode>? systemChaincodes = null,
        ILocalMspAdmins? localAdmins = null)
    {
        ArgumentNullException.ThrowIfNull(channels);
        _channels = channels;
        _options = options ?? new ProposalValidatorOptions();
        _time = time ?? TimeProvider.System;
        _systemChaincodes = systemChaincodes ?? new Dictionary<string, ISystemChaincode>();
        _localAdmins = localAdmins;
    }

    /// <param name="evaluate">A query (the gateway's Evaluate): the creator needs only
    /// <c>/Channel/Application/Readers</c> instead of <c>Writers</c>, since nothing will be submitted.</param>
    public ProposalCheck Validate(SignedProposal signedProposal, bool evaluate = false)
    {
        ArgumentNullException.ThrowIfNull(signedProposal);
        if (!TryUnpack(signedProposal, out UnpackedProposal? proposal, out string? error))
        {
            return ProposalCheck.Reject(error);
        }

        ISystemChaincode? systemChaincode = _systemChaincodes.GetValueOrDefault(proposal.ChaincodeName);
        if (proposal.ChannelId.Length == 0 && systemChaincode is not null && systemChaincode.AllowsNoChannel(FunctionOf(proposal)))
        {
            return ValidateChannelless(proposal, systemChaincode);
        }

        EndorserChannel? channel = proposal.ChannelId.Length == 0 ? null : _channels.GetChannel(proposal.ChannelId);
        if (channel is null)
        {
            return ProposalCheck.Reject($"channel '{proposal.ChannelId}' not found");
        }

        IIdentity? creator = null;
        error = CheckMessage(proposal) ?? CheckCreator(proposal, channel.Config.Msps, out creator);
        if (error is not null)
        {
            return ProposalCheck.Reject(ValidationPrefix + error);
        }

        if (channel.Transactions.Contains(proposal.TxId))
        {
            return ProposalCheck.Reject(
                $"duplicate transaction found [{proposal.TxId}]. Creator [{Convert.ToHexStringLower(proposal.SignatureHeader.Creator.Span)}]");
        }

        if (systemChaincode is not null)
        {
            return new ProposalCheck(proposal, channel, null);
        }

        // The creator's signature over these proposal bytes was verified just above: the policy weighs that identity
        // rather than verifying the same ECDSA signature a second time (Fabric's checkACL verifies it again).
        string policyPath = evaluate ? PolicyManager.ApplicationReaders : PolicyManager.ApplicationWriters;
        PolicyResult acl = channel.Config.Policies.GetPolicy(policyPath).EvaluateIdentities([creator!]);
        if (!acl.Satisfied)
        {
            return ProposalCheck.Reject($"failed evaluating policy on signed data during check policy [{policyPath}]: [{acl.Reason}]");
        }

        return new ProposalCheck(proposal, channel, null);
    }

    /// <summary>Fabric's protoutil.ComputeTxID: hex(SHA-256(nonce ‖ creator)).</summary>
    public static string ComputeTxId(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> creator)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(nonce);
        sha.AppendData(creator);
        Span<byte> digest = stackalloc byte[32];
        sha.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>Fabric's UnpackProposal, including the proposal hash over the channel header, the signature header
    /// and the payload re-marshalled without its transient map (which never reaches the ledger).</summary>
    public static bool TryUnpack(
        SignedProposal signedProposal,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out UnpackedProposal? unpacked,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(signedProposal);
        unpacked = null;
        error = null;
        string stage = nameof(Proposal);
        try
        {
            Proposal proposal = Parse(Proposal.Parser, signedProposal.ProposalBytes, nameof(Proposal), ref stage);
            Header header = Parse(Header.Parser, proposal.Header, nameof(Header), ref stage);
            ChannelHeader channelHeader = Parse(ChannelHeader.Parser, header.ChannelHeader, nameof(ChannelHeader), ref stage);
            SignatureHeader signatureHeader = Parse(SignatureHeader.Parser, header.SignatureHeader, nameof(SignatureHeader), ref stage);
            ChaincodeHeaderExtension extension = Parse(ChaincodeHeaderExtension.Parser, channelHeader.Extension, nameof(ChaincodeHeaderExtension), ref stage);
            if (extension.ChaincodeId is null)
            {
                error = "ChaincodeHeaderExtension.ChaincodeId is nil";
                return false;
            }

            if (extension.ChaincodeId.Name.Length == 0)
            {
                error = "ChaincodeHeaderExtension.ChaincodeId.Name is empty";
                return false;
            }

            ChaincodeProposalPayload payload = Parse(ChaincodeProposalPayload.Parser, proposal.Payload, nameof(ChaincodeProposalPayload), ref stage);
            ChaincodeInvocationSpec invocation = Parse(ChaincodeInvocationSpec.Parser, payload.Input, nameof(ChaincodeInvocationSpec), ref stage);
            if (invocation.ChaincodeSpec is null)
            {
                error = "chaincode invocation spec did not contain chaincode spec";
                return false;
            }

            if (invocation.ChaincodeSpec.Input is null)
            {
                error = "chaincode input did not contain any input";
                return false;
            }

            byte[] withoutTransient = new ChaincodeProposalPayload { Input = payload.Input }.ToByteArray();
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(header.ChannelHeader.Span);
            hash.AppendData(header.SignatureHeader.Span);
            hash.AppendData(withoutTransient);
            unpacked = new UnpackedProposal(
                signedProposal, proposal, channelHeader, signatureHeader, extension.ChaincodeId.Name, invocation.ChaincodeSpec.Input, hash.GetHashAndReset());
            return true;
        }
        catch (InvalidProtocolBufferException ex)
        {
            error = $"error unmarshalling {stage}: {ex.Message}";
            return false;
        }
    }

    /// <summary>Fabric validates a channel-less proposal's creator with the local MSP, and its system chaincode then
    /// requires the local MSP's Admins policy; both happen here since nothing else can vouch for the creator.</summary>
    private ProposalCheck ValidateChannelless(UnpackedProposal proposal, ISystemChaincode systemChaincode)
    {
        if (CheckMessage(proposal) is { } error)
        {
            return ProposalCheck.Reject(ValidationPrefix + error);
        }

        string resource = $"{proposal.ChaincodeName}/{FunctionOf(proposal)}";
        if (_localAdmins is null)
        {
            return ProposalCheck.Reject($"access denied for [{resource}]: this peer has no local MSP to check a channel-less proposal against");
        }

        if (systemChaincode.ChecksChannellessAccess(FunctionOf(proposal)))
        {
            return ValidateLocalCreator(proposal, _localAdmins);
        }

        IIdentity? admin = _localAdmins.AuthenticateAdmin(proposal.SignatureHeader.Creator.Span, out string? reason);
        if (admin is null)
        {
            return ProposalCheck.Reject(
                $"access denied for [{resource}]: failed verifying that proposal's creator satisfies local MSP principal during channelless check policy with policy [Admins]: [{reason}]");
        }

        return admin.Verify(proposal.SignedProposal.ProposalBytes.Span, proposal.SignedProposal.Signature.Span)
            ? new ProposalCheck(proposal, null, null)
            : ProposalCheck.Reject($"access denied for [{resource}]: the signature of the proposal does not verify with the creator's key");
    }

    /// <summary>Fabric's UnpackedProposal.Validate with the local MSP as deserializer: a creator of another MSP cannot
    /// be deserialized, so it reads as malformed; the chaincode applies the function's ACL afterwards.</summary>
    private static ProposalCheck ValidateLocalCreator(UnpackedProposal proposal, ILocalMspAdmins local)
    {
        string? mspId = null;
        try
        {
            mspId = SerializedIdentity.Parser.ParseFrom(proposal.SignatureHeader.Creator).Mspid;
        }
        catch (InvalidProtocolBufferException)
        {
            // Reported below as Fabric reports any creator its local MSP cannot deserialize.
        }

        if (mspId != local.MspId)
        {
            return ProposalCheck.Reject(ValidationPrefix + "access denied: channel [] creator org unknown, creator is malformed");
        }

        IIdentity? creator = local.AuthenticateMember(proposal.SignatureHeader.Creator.Span, out _);
        return creator is not null && creator.Verify(proposal.SignedProposal.ProposalBytes.Span, proposal.SignedProposal.Signature.Span)
            ? new ProposalCheck(proposal, null, null)
            : ProposalCheck.Reject(ValidationPrefix + $"access denied: channel [] creator org [{mspId}]");
    }

    private static string FunctionOf(UnpackedProposal proposal) =>
        proposal.Input.Args.Count > 0 ? proposal.Input.Args[0].ToStringUtf8() : string.Empty;

    private string? CheckMessage(UnpackedProposal proposal)
    {
        ChannelHeader channelHeader = proposal.ChannelHeader;
        // As Fabric: peer channel join proposes with a CONFIG header, so the endorser takes that type too.
        if (channelHeader.Type is not ((int)HeaderType.EndorserTransaction or (int)HeaderType.Config))
        {
            string name = CommonReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.EnumDescriptor>("HeaderType")?.FindValueByNumber(channelHeader.Type)?.Name ?? channelHeader.Type.ToString(CultureInfo.InvariantCulture);
            return $"invalid header type {name}";
        }

        if (channelHeader.Epoch != 0)
        {
            return "epoch is non-zero";
        }

        SignatureHeader signatureHeader = proposal.SignatureHeader;
        if (signatureHeader.Nonce.IsEmpty)
        {
            return "nonce is empty";
        }

        if (signatureHeader.Creator.IsEmpty)
        {
            return "creator is empty";
        }

        string expected = ComputeTxId(signatureHeader.Nonce.Span, signatureHeader.Creator.Span);
        if (channelHeader.TxId != expected)
        {
            return $"incorrectly computed txid '{channelHeader.TxId}' -- expected '{expected}'";
        }

        DateTimeOffset now = _time.GetUtcNow();
        if (channelHeader.Timestamp is null)
        {
            return "proposal timestamp is missing";
        }

        DateTimeOffset stamp = channelHeader.Timestamp.ToDateTimeOffset();
        if ((stamp - now).Duration() > _options.TimestampSkew)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"proposal timestamp {stamp:yyyy-MM-ddTHH:mm:ss.fffZ} is outside the allowed skew of {_options.TimestampSkew} from the peer's time {now:yyyy-MM-ddTHH:mm:ss.fffZ}");
        }

        return proposal.SignedProposal.Signature.IsEmpty ? "empty signature bytes" : null;
    }

    /// <summary>Like Fabric, the client only learns its org and that access was denied; the detail is the peer's.</summary>
    /// <param name="verified">The creator, valid and its signature over the proposal verified, when null is returned.</param>
    private static string? CheckCreator(UnpackedProposal proposal, MspManager msps, out IIdentity? verified)
    {
        verified = null;
        ByteString creatorBytes = proposal.SignatureHeader.Creator;
        string malformed = $"access denied: channel [{proposal.ChannelId}] creator org unknown, creator is malformed";
        SerializedIdentity creator;
        try
        {
            creator = SerializedIdentity.Parser.ParseFrom(creatorBytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return malformed;
        }

        if (!msps.TryGetMsp(creator.Mspid, out _))
        {
            return malformed;
        }

        IdentityResult identity = msps.Deserialize(creatorBytes.Span);
        string denied = $"access denied: channel [{proposal.ChannelId}] creator org [{creator.Mspid}]";
        if (!identity.IsValid)
        {
            return denied;
        }

        if (!identity.Identity!.Verify(proposal.SignedProposal.ProposalBytes.Span, proposal.SignedProposal.Signature.Span))
        {
            return denied;
        }

        verified = identity.Identity;
        return null;
    }

    private static T Parse<T>(MessageParser<T> parser, ByteString bytes, string name, ref string stage)
        where T : IMessage<T>
    {
        stage = name;
        return parser.ParseFrom(bytes);
    }
}
