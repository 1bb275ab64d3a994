using Fabricish.Channels.Config;
using Fabricish.Channels.Msp;
using Fabricish.Endorser.SystemChaincode;
using Fabricish.Peer.Channels;
using Fabricish.Peer.Host;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using static Fabricish.Peer.SystemChaincode.SystemChaincodeAccess;

namespace Fabricish.Peer.SystemChaincode;

/// <summary>cscc's JoinChain, shared by <c>protos.Endorser/ProcessProposal</c> and the operations endpoint's
/// <c>POST /peer/v1/channels</c> so that both refuse and join alike: the genesis block is parsed and validated as a
/// config block first, then the creator must be an admin of the local MSP (Fabric's peer resource
/// <c>cscc/JoinChain</c> → local Admins), then the ledger is created and the channel served.</summary>
internal sealed class ChannelJoiner(PeerChannels channels, ILocalMspAdmins local, TimeProvider time, ILogger<ChannelJoiner> logger)
{
    public const string JoinChain = "JoinChain";

    public async Task<JoinChainOutcome> JoinAsync(ByteString genesisBytes, SignedProposal signed, ByteString creator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(genesisBytes);
        ArgumentNullException.ThrowIfNull(signed);
        ArgumentNullException.ThrowIfNull(creator);
        if (genesisBytes.IsEmpty)
        {
            return Refuse(StatusCodes.Status400BadRequest, "Cannot join the channel <nil> configuration block provided");
        }

        Block genesis;
        try
        {
            genesis = Block.Parser.ParseFrom(genesisBytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            return Refuse(StatusCodes.Status400BadRequest, $"Failed to reconstruct the genesis block, {e.Message}");
        }

        if (ChannelIdOf(genesis, out string? idError) is not { } channelId)
        {
            return Refuse(StatusCodes.Status400BadRequest, $"\"JoinChain\" request failed to extract channel id from the block due to [{idError}]");
        }

        ConfigResult<ChannelConfig> config = ChannelConfig.FromBlock(genesis, time);
        string? invalid = config.Error ?? (config.Value?.Application is null ? "Invalid configuration block, missing Application configuration group" : null);
        if (invalid is not null)
        {
            return Refuse(StatusCodes.Status400BadRequest, $"\"JoinChain\" for channelID = {channelId} failed because of validation of configuration block, because of {invalid}");
        }

        if (CheckLocal(local, Admins, signed, creator) is { } denied)
        {
            return Refuse(StatusCodes.Status403Forbidden, $"access denied for [{JoinChain}][{channelId}]: [{denied}]");
        }

        JoinResult joined = await channels.JoinAsync(genesis, cancellationToken).ConfigureAwait(false);
        if (joined.Channel is not { } channel)
        {
            int status = joined.Status switch
            {
                JoinStatus.AlreadyJoined => StatusCodes.Status409Conflict,
                JoinStatus.StateDatabaseUnavailable => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status400BadRequest,
            };
            return Refuse(status, joined.Error!);
        }

        PeerLog.ChannelJoined(logger, channel.ChannelId, Describe(local.AuthenticateAdmin(creator.Span, out _)));
        return new JoinChainOutcome(new Response { Status = 200 }, StatusCodes.Status201Created, channel);
    }

    /// <summary>Fabric's protoutil.GetChannelIDFromBlock: the channel header of the block's first envelope.</summary>
    private static string? ChannelIdOf(Block block, out string? error)
    {
        error = null;
        if (block.Data is null || block.Data.Data.Count == 0)
        {
            error = "failed to retrieve the envelope from the block: block data is empty";
            return null;
        }

        try
        {
            Payload payload = Payload.Parser.ParseFrom(Envelope.Parser.ParseFrom(block.Data.Data[0]).Payload);
            if (payload.Header is null)
            {
                error = "failed to retrieve the payload header from the envelope: header not set";
                return null;
            }

            return ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader).ChannelId;
        }
        catch (InvalidProtocolBufferException e)
        {
            error = e.Message;
            return null;
        }
    }

    private static string Describe(IIdentity? admin) =>
        admin is X509Identity x509 ? $"{admin.MspId} '{x509.Certificate.Subject}'" : admin?.MspId ?? "an admin";

    private JoinChainOutcome Refuse(int status, string message)
    {
        PeerLog.JoinRefused(logger, message);
        return new JoinChainOutcome(Error(message), status, null);
    }
}
