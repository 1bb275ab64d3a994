using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabricish.Channels.Crypto;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Common;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Fabricish.Protos.Msp;
using Fabricish.Protos.Orderer;
using Fabricish.Protos.Peer;
using Fabricish.Testing.Transactions;
using Google.Protobuf;

namespace Fabricish.E2E.Tests.Network;

/// <summary>What a Fabric client SDK does around endorsement besides the proposal and transaction themselves
/// (<see cref="ChaincodeProposals"/>): the channel join request, endorsement checks and signed deliver requests.</summary>
public static class Proposals
{
    /// <summary>Fabric's <c>peer channel join</c> request: cscc JoinChain with the genesis block, signed by an admin.</summary>
    public static SignedProposal JoinChain(SigningIdentity admin, byte[] genesisBlock) => ChaincodeProposals.Create(
        admin, channelId: string.Empty, "cscc", [ByteString.CopyFromUtf8("JoinChain"), ByteString.CopyFrom(genesisBlock)], HeaderType.Config).Signed;

    /// <summary>Whether the endorsement is a signature over payload ‖ endorser by the key of <paramref name="certificate"/>,
    /// with the endorser naming that certificate.</summary>
    public static bool EndorsedBy(ProposalResponse response, X509Certificate2 certificate, string mspId)
    {
        var endorser = SerializedIdentity.Parser.ParseFrom(response.Endorsement.Endorser);
        using X509Certificate2 named = X509Certificate2.CreateFromPem(endorser.IdBytes.ToStringUtf8());
        using ECDsa key = certificate.GetECDsaPublicKey()!;
        return endorser.Mspid == mspId
            && named.RawData.AsSpan().SequenceEqual(certificate.RawData)
            && Signatures.Verify(key, [.. response.Payload.Span, .. response.Endorsement.Endorser.Span], response.Endorsement.Signature.Span);
    }

    /// <summary>The simulation's read-write set of one namespace, from the endorsed ChaincodeAction.</summary>
    public static KVRWSet ReadWriteSet(ProposalResponse response, string ns)
    {
        var action = ChaincodeAction.Parser.ParseFrom(ProposalResponsePayload.Parser.ParseFrom(response.Payload).Extension);
        NsReadWriteSet set = TxReadWriteSet.Parser.ParseFrom(action.Results).NsRwset.Single(n => n.Namespace == ns);
        return KVRWSet.Parser.ParseFrom(set.Rwset);
    }

    /// <summary>A DELIVER_SEEK_INFO request from <paramref name="start"/> on, waiting for blocks not yet committed.</summary>
    public static Envelope Seek(SigningIdentity requester, string channelId, ulong start)
    {
        var seek = new SeekInfo
        {
            Start = new SeekPosition { Specified = new SeekSpecified { Number = start } },
            Stop = new SeekPosition { Specified = new SeekSpecified { Number = ulong.MaxValue } },
            Behavior = SeekInfo.Types.SeekBehavior.BlockUntilReady,
        };
        return SignedEnvelope.Create(HeaderType.DeliverSeekInfo, channelId, requester, seek, DateTimeOffset.UtcNow);
    }
}
