using Fabricish.Channels.Config;
using Fabricish.Channels.Msp;
using Fabricish.Channels.PrivateData;
using Fabricish.Committer.PrivateData;
using Fabricish.Endorser;
using Fabricish.Endorser.PrivateData;
using Fabricish.Ledger.PrivateData;
using Fabricish.Ledger.State;
using Fabricish.Peer.Channels;
using Fabricish.Peer.Gateway;
using Fabricish.Peer.Host;
using Fabricish.Peer.Lifecycle;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.PrivateData;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Fabricish.Peer.PrivateData;

/// <summary>The peer's private data: collections from the committed chaincode definitions, the transient store, and
/// dissemination to the collections' member peers (Fabric's collection store, transient store and gossip privdata
/// distributor). Dependencies that need the channels are resolved on first use, since the channels need this.</summary>
internal sealed partial class PeerPrivateData : IPrivateDataSupport, IGatewayCollections, IDisposable
{
    private static readonly TimeSpan PeerTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Fabric's pullRetrySleepInterval between two pull rounds at commit.</summary>
    private static readonly TimeSpan PullRetrySleep = TimeSpan.FromMilliseconds(500);

    private readonly string _localMspId;
    private readonly Lazy<LifecycleDefinitions> _definitions;
    private readonly Lazy<IPeerChannels> _channels;
    private readonly Lazy<PrivateDataPeers> _peers;
    private readonly Lazy<SigningIdentity> _signer;
    private readonly ILogger _logger;

    private readonly PeerPrivateDataOptions _options;
    private readonly bool _tamperPushes;

    public PeerPrivateData(
        PeerOptions options,
        Func<LifecycleDefinitions> definitions,
        Func<IPeerChannels> channels,
        Func<PrivateDataPeers> peers,
        Func<SigningIdentity> signer,
        ILogger<PeerPrivateData> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this._localMspId = options.MspId;
        this._options = options.PrivateData;
        this._tamperPushes = options.FaultInjection.TamperPrivateDataPush;
        Directory.CreateDirectory(options.TransientStoreDir);
        Directory.CreateDirectory(options.PvtDataStoreDir);
        Transient = TransientStore.Open(options.TransientStoreDir);
        PvtData = PvtDataStore.Open(options.PvtDataStoreDir);
        this._definitions = new Lazy<LifecycleDefinitions>(definitions);
        this._channels = new Lazy<IPeerChannels>(channels);
        this._peers = new Lazy<PrivateDataPeers>(peers);
        this._signer = new Lazy<SigningIdentity>(signer);
        this._logger = logger;
    }

    public TransientStore Transient { get; }

    /// <summary>Committed private data, missing data entries and the blockToLive schedule of every channel.</summary>
    public PvtDataStore PvtData { get; }

    public PeerPrivateDataOptions Options => _options;

    public string LocalMspId => _localMspId;

    public ChaincodeCollections? GetCollections(EndorserChannel channel, string chaincode)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return Collections(channel.Config, chaincode);
    }

    public ChaincodeCollections? Collections(ChannelConfig config, string chaincode)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (chaincode == LifecycleKeys.Namespace)
        {
            // _lifecycle has only the implicit collections, where each organization keeps its approvals.
            return new ChaincodeCollections(chaincode, null, config.Application?.Organizations.Select(o => o.MspId) ?? [], _localMspId);
        }

        LifecycleDefinition? definition = _definitions.Value.Get(config.ChannelId, chaincode);
        return definition is null
            ? null
            : new ChaincodeCollections(chaincode, definition.Collections, config.Application?.Organizations.Select(o => o.MspId) ?? [], _localMspId);
    }

    public ChannelConfig? ChannelConfig(string channelId) => _channels.Value.TryGet(channelId, out IPeerLedger? ledger) ? ledger.Config : null;

    /// <summary>The committer's view for one channel.</summary>
    public IPrivateDataProvider ForChannel(string channelId) => new ChannelPrivateData(this, channelId);

    public void Dispose()
    {
        Transient.Dispose();
        PvtData.Dispose();
    }

    public async Task<string?> DistributeAsync(EndorserChannel channel, string txId, TxPvtReadWriteSet privateData, Height? endorsedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(privateData);
        ulong height = endorsedAt?.BlockNum ?? 0;
        Transient.Persist(channel.ChannelId, txId, privateData, height);

        // Per collection: the member peers chosen for it (up to its maximum), and how many must take it.
        var plan = new Dictionary<string, TxPvtReadWriteSet>(StringComparer.OrdinalIgnoreCase);
        var required = new List<(string Collection, int Required, List<string> Targets)>();
        IReadOnlyList<(string MspId, string Address)> others = _peers.Value.Others(channel.Config);
        foreach (NsPvtReadWriteSet ns in privateData.NsPvtRwset)
        {
            ChaincodeCollections? collections = Collections(channel.Config, ns.Namespace);
            foreach (CollectionPvtReadWriteSet collection in ns.CollectionPvtRwset)
            {
                CollectionDefinition? definition = collections?.Find(collection.CollectionName);
                if (definition is null)
                {
                    return $"collection {ns.Namespace}/{collection.CollectionName} is not defined";
                }

                List<string> members = [.. others.Where(p => definition.IsMember(p.MspId)).Select(p => p.Address)];
                int maximum = Math.Max(definition.MaximumPeerCount, definition.RequiredPeerCount);
                if (members.Count < definition.RequiredPeerCount)
                {
                    return $"required to disseminate to at least {definition.RequiredPeerCount} peers, but know of only {members.Count} eligible peers";
                }

                List<string> targets = [.. members.Take(maximum)];
                required.Add(($"{ns.Namespace}/{collection.CollectionName}", definition.RequiredPeerCount, targets));
                foreach (string target in targets)
                {
                    if (!plan.TryGetValue(target, out TxPvtReadWriteSet? set))
                    {
                        set = new TxPvtReadWriteSet { DataModel = privateData.DataModel };
                        plan[target] = set;
                    }

                    NsPvtReadWriteSet? nsSet = set.NsPvtRwset.FirstOrDefault(n => n.Namespace == ns.Namespace);
                    if (nsSet is null)
                    {
                        nsSet = new NsPvtReadWriteSet { Namespace = ns.Namespace };
                        set.NsPvtRwset.Add(nsSet);
                    }

                    nsSet.CollectionPvtRwset.Add(collection);
                }
            }
        }

        string[] targetsInOrder = [.. plan.Keys];
        bool[] acked = await Task.WhenAll(targetsInOrder.Select(t => PushAsync(channel.ChannelId, txId, height, t, plan[t], cancellationToken))).ConfigureAwait(false);
        var reached = new HashSet<string>(targetsInOrder.Where((_, i) => acked[i]), StringComparer.OrdinalIgnoreCase);
        foreach ((string collection, int count, List<string> targets) in required)
        {
            int got = targets.Count(reached.Contains);
            if (got < count)
            {
                return $"could not disseminate private data of collection {collection} to {count} peers (reached {got})";
            }
        }

        return null;
    }

    private async Task<bool> PushAsync(string channelId, string txId, ulong height, string address, TxPvtReadWriteSet data, CancellationToken cancellationToken)
    {
        var push = new PrivateDataPush
        {
            ChannelId = channelId,
            TxId = txId,
            EndorsedAt = height,
            PrivateData = _tamperPushes ? PrivateDataTampering.Tamper(data) : data,
            Timestamp = Timestamp.FromDateTime(DateTime.UtcNow),
        };
        try
        {
            await _peers.Value.Client(address).PushAsync(
                PrivateDataMessages.Sign(push, _signer.Value), deadline: DateTime.UtcNow + PeerTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RpcException e)
        {
            LogPushFailed(_logger, txId, address, e.Status.Detail);
            return false;
        }
    }

    /// <summary>Asks the other member peers, one after another, for the collections this peer lacks, keeping only sets
    /// whose hash matches the block's; with a <paramref name="retryFor"/>, asks again (Fabric's pullRetryThreshold) until
    /// every collection arrived or the time is up.</summary>
    public async Task<TxPvtReadWriteSet?> PullAsync(string channelId, string txId, IReadOnlyList<ExpectedCollection> needed, TimeSpan retryFor, CancellationToken cancellationToken)
    {
        if (ChannelConfig(channelId) is not { } config)
        {
            return null;
        }

        var memberOrgs = new HashSet<string>(StringComparer.Ordinal);
        foreach (ExpectedCollection wanted in needed)
        {
            memberOrgs.UnionWith(Collections(config, wanted.Namespace)?.Find(wanted.Collection)?.MemberMspIds ?? new HashSet<string>());
        }

        DateTime giveUpAt = DateTime.UtcNow + retryFor;
        TxPvtReadWriteSet? found = null;
        var lacking = needed.ToList();
        while (true)
        {
            var pull = new PrivateDataPull { ChannelId = channelId, TxId = txId, Timestamp = Timestamp.FromDateTime(DateTime.UtcNow) };
            pull.Collections.AddRange(lacking.Select(w => new CollectionReference { Namespace = w.Namespace, Collection = w.Collection }));
            SignedPrivateDataMessage signed = PrivateDataMessages.Sign(pull, _signer.Value);
            foreach ((string mspId, string address) in _peers.Value.Others(config))
            {
                if (!memberOrgs.Contains(mspId) || lacking.Count == 0)
                {
                    continue;
                }

                try
                {
                    PrivateDataPullResponse response = await _peers.Value.Client(address).PullAsync(
                        signed, deadline: DateTime.UtcNow + PeerTimeout, cancellationToken: cancellationToken).ConfigureAwait(false);
                    foreach (ExpectedCollection wanted in lacking.ToList())
                    {
                        if (PrivateWriteSets.Find(response.PrivateData, wanted.Namespace, wanted.Collection) is not { } set)
                        {
                            continue;
                        }

                        if (!wanted.Matches(set.Rwset.Span))
                        {
                            LogPulledMismatch(_logger, txId, address, wanted.Namespace, wanted.Collection);
                            continue;
                        }

                        found ??= new TxPvtReadWriteSet { DataModel = response.PrivateData.DataModel };
                        PrivateWriteSets.Add(found, wanted.Namespace, set);
                        lacking.Remove(wanted);
                    }
                }
                catch (RpcException e)
                {
                    LogPullFailed(_logger, txId, address, e.Status.Detail);
                }
            }

            if (lacking.Count == 0 || DateTime.UtcNow + PullRetrySleep > giveUpAt)
            {
                break;
            }

            await Task.Delay(PullRetrySleep, cancellationToken).ConfigureAwait(false);
        }

        if (lacking.Count > 0)
        {
            LogPullGaveUp(_logger, txId, channelId, lacking.Count);
        }

        return found;
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "pushing private data of transaction {TxId} to {Address} failed: {Reason}")]
    private static partial void LogPushFailed(ILogger logger, string txId, string address, string reason);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "pulling private data of transaction {TxId} from {Address} failed: {Reason}")]
    private static partial void LogPullFailed(ILogger logger, string txId, string address, string reason);

    [LoggerMessage(EventId = 32, Level = LogLevel.Warning, Message = "gave up pulling private data of transaction {TxId} on channel {Channel}: no member peer had {Count} of its collections")]
    private static partial void LogPullGaveUp(ILogger logger, string txId, string channel, int count);

    [LoggerMessage(EventId = 33, Level = LogLevel.Warning, Message = "private data of transaction {TxId} pulled from {Address} for collection {Namespace}/{Collection} does not match the transaction's hash; refused")]
    private static partial void LogPulledMismatch(ILogger logger, string txId, string address, string @namespace, string collection);
}
