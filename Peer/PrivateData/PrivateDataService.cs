using Fabricish.Channels.Config;
using Fabricish.Channels.Msp;
using Fabricish.Channels.PrivateData;
using Fabricish.Ledger.PrivateData;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.PrivateData;
using Google.Protobuf;
using Grpc.Core;

namespace Fabricish.Peer.PrivateData;

/// <summary>Serves <c>fabricish.privdata.PrivateData</c>: a peer of the channel pushes private write sets, of which
/// this peer keeps only collections its organization is a member of (a push holding none is refused), and a member
/// peer pulls those it lacks, refused for any collection its organization is not a member of.</summary>
internal sealed class PrivateDataService(PeerPrivateData privateData) : Protos.PrivateData.PrivateData.PrivateDataBase
{
    public override Task<PrivateDataPushResponse> Push(SignedPrivateDataMessage request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        PrivateDataPush push = Parse(PrivateDataPush.Parser, request.Payload);
        (ChannelConfig config, _) = Authenticate(request, push.ChannelId);
        if (push.PrivateData is null || push.TxId.Length == 0)
        {
            throw PrivateDataErrors.Malformed("a push needs a txid and private data");
        }

        var kept = new TxPvtReadWriteSet { DataModel = push.PrivateData.DataModel };
        var response = new PrivateDataPushResponse();
        foreach (NsPvtReadWriteSet ns in push.PrivateData.NsPvtRwset)
        {
            ChaincodeCollections? collections = privateData.Collections(config, ns.Namespace);
            var keptNs = new NsPvtReadWriteSet { Namespace = ns.Namespace };
            foreach (CollectionPvtReadWriteSet collection in ns.CollectionPvtRwset)
            {
                if (collections?.Find(collection.CollectionName) is { } definition && definition.IsMember(privateData.LocalMspId))
                {
                    keptNs.CollectionPvtRwset.Add(collection);
                    response.Kept.Add(new CollectionReference { Namespace = ns.Namespace, Collection = collection.CollectionName });
                }
            }

            if (keptNs.CollectionPvtRwset.Count > 0)
            {
                kept.NsPvtRwset.Add(keptNs);
            }
        }

        if (response.Kept.Count == 0)
        {
            CollectionReference first = push.PrivateData.NsPvtRwset.SelectMany(n => n.CollectionPvtRwset.Select(c => new CollectionReference { Namespace = n.Namespace, Collection = c.CollectionName })).FirstOrDefault()
                ?? throw PrivateDataErrors.Malformed("the push holds no collection");
            throw PrivateDataErrors.NotMember(privateData.LocalMspId, first.Namespace, first.Collection);
        }

        privateData.Transient.Persist(push.ChannelId, push.TxId, kept, push.EndorsedAt);
        return Task.FromResult(response);
    }

    public override Task<PrivateDataPullResponse> Pull(SignedPrivateDataMessage request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        PrivateDataPull pull = Parse(PrivateDataPull.Parser, request.Payload);
        (ChannelConfig config, IIdentity sender) = Authenticate(request, pull.ChannelId);
        foreach (CollectionReference wanted in pull.Collections)
        {
            if (privateData.Collections(config, wanted.Namespace)?.Find(wanted.Collection) is not { } definition || !definition.IsMember(sender.MspId))
            {
                throw PrivateDataErrors.NotMember(sender.MspId, wanted.Namespace, wanted.Collection);
            }
        }

        // Uncommitted data from the transient store, else what this peer committed (reconciliation of old blocks).
        var response = new PrivateDataPullResponse();
        TxPvtReadWriteSet? stored = privateData.Transient.Get(pull.ChannelId, pull.TxId);
        var answer = new TxPvtReadWriteSet { DataModel = stored?.DataModel ?? TxReadWriteSet.Types.DataModel.Kv };
        foreach (CollectionReference wanted in pull.Collections)
        {
            if (PrivateWriteSets.Find(stored, wanted.Namespace, wanted.Collection) is { } set)
            {
                PrivateWriteSets.Add(answer, wanted.Namespace, set);
            }
            else if (privateData.PvtData.Get(pull.ChannelId, pull.TxId, wanted.Namespace, wanted.Collection) is { } committed)
            {
                PrivateWriteSets.Add(answer, wanted.Namespace, new CollectionPvtReadWriteSet { CollectionName = wanted.Collection, Rwset = ByteString.CopyFrom(committed) });
            }
        }

        if (answer.NsPvtRwset.Count > 0)
        {
            response.PrivateData = answer;
        }

        return Task.FromResult(response);
    }

    private (ChannelConfig Config, IIdentity Sender) Authenticate(SignedPrivateDataMessage request, string channelId)
    {
        ChannelConfig config = privateData.ChannelConfig(channelId) ?? throw PrivateDataErrors.ChannelNotJoined(channelId);
        IIdentity sender = PrivateDataMessages.VerifySender(request, config, out string? refusal) ?? throw PrivateDataErrors.SenderRefused(refusal!);
        return (config, sender);
    }

    private static T Parse<T>(MessageParser<T> parser, ByteString payload)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw PrivateDataErrors.Malformed(e.Message);
        }
    }
}
