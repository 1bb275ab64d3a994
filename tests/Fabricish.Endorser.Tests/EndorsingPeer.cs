using Fabricish.Channels.PrivateData;
using Fabricish.Chaincode.Shim;
using Fabricish.Chaincode.Shim.Contracts;
using Fabricish.Endorser.Chaincode;
using Fabricish.Endorser.PrivateData;
using Fabricish.Ledger.State;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Fabricish.Protos.Peer;
using Fabricish.Samples.AssetTransfer;
using Fabricish.Testing;
using Fabricish.Testing.Infra;
using ChaincodeSupport = Fabricish.Endorser.Chaincode.ChaincodeSupport;

namespace Fabricish.Endorser.Tests;

/// <summary>An endorser for Org1's peer wired to chaincode servers running in-process on free loopback ports, with
/// short timeouts so failures show quickly.</summary>
internal sealed class EndorsingPeer : IAsyncDisposable
{
    public static readonly ChaincodeSupportOptions FastOptions = new()
    {
        ExecuteTimeout = TimeSpan.FromSeconds(2),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ReconnectDelay = TimeSpan.FromMilliseconds(50),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(250),
    };

    private readonly List<ChaincodeServer> _servers = [];

    /// <param name="privateData">Collections and dissemination, for chaincode that uses private data.</param>
    public EndorsingPeer(StateCommitLock? commitLock = null, IPrivateDataSupport? privateData = null)
    {
        Network = TestEndorserChannels.NewNetwork();
        Channels = new TestEndorserChannels(Network, commitLock: commitLock);
        Support = new ChaincodeSupport(Registry, FastOptions);
        Endorser = new Endorser(Channels, Registry, Support, Network.Org1Peer, privateData: privateData);
    }

    public TestNetwork Network { get; }

    public TestEndorserChannels Channels { get; }

    public TestRegistry Registry { get; } = new();

    public ChaincodeSupport Support { get; }

    public Endorser Endorser { get; }

    public static ContractChaincode AssetTransfer() => new([new AssetTransferContract()], "asset-transfer-basic", "1.0.0");

    /// <summary>Starts a chaincode server and defines it on the channel under <paramref name="name"/>.</summary>
    public async Task<ChaincodeServer> DeployAsync(string name, IChaincode chaincode, int? port = null)
    {
        string packageId = $"{name}_1.0:{Guid.NewGuid():N}";
        ChaincodeServer server = await StartServerAsync(packageId, port ?? FreePorts.Take(), chaincode);
        Registry.Add(new ChaincodeDefinition(name, "1.0", packageId, server.Address));
        return server;
    }

    public async Task<ChaincodeServer> StartServerAsync(string packageId, int port, IChaincode chaincode)
    {
        var server = new ChaincodeServer(packageId, $"127.0.0.1:{port}", chaincode);
        await server.StartAsync();
        _servers.Add(server);
        return server;
    }

    public Task<ProposalResponse> ProposeAsync(string chaincode, params string[] args) =>
        Endorser.ProcessProposalAsync(new ProposalBuilder(Network.Org1Client, chaincode, args).Build());

    public Task<ProposalResponse> ProposeAsync(string chaincode, IReadOnlyDictionary<string, byte[]> transient, params string[] args)
    {
        var proposal = new ProposalBuilder(Network.Org1Client, chaincode, args);
        foreach ((string key, byte[] value) in transient)
        {
            proposal.Transient[key] = value;
        }

        return Endorser.ProcessProposalAsync(proposal.Build());
    }

    /// <summary>Stands in for the committer: applies the endorsed writes as block <paramref name="block"/>, and the
    /// private writes of <paramref name="privateData"/> beside their hashes, as a member peer commits them.</summary>
    public async Task CommitAsync(ProposalResponse response, ulong block, TxPvtReadWriteSet? privateData)
    {
        var height = new Height(block, 0);
        var batch = new UpdateBatch();
        var action = ChaincodeAction.Parser.ParseFrom(ProposalResponsePayload.Parser.ParseFrom(response.Payload).Extension);
        foreach (NsReadWriteSet ns in TxReadWriteSet.Parser.ParseFrom(action.Results).NsRwset)
        {
            foreach (KVWrite write in KVRWSet.Parser.ParseFrom(ns.Rwset).Writes)
            {
                if (write.IsDelete)
                {
                    batch.Delete(ns.Namespace, write.Key, height);
                }
                else
                {
                    batch.Put(ns.Namespace, write.Key, write.Value.ToByteArray(), height);
                }
            }

            foreach (CollectionHashedReadWriteSet collection in ns.CollectionHashedRwset)
            {
                string hashedNs = PrivateDataKeys.HashedNamespace(ns.Namespace, collection.CollectionName);
                foreach (KVWriteHash write in HashedRWSet.Parser.ParseFrom(collection.HashedRwset).HashedWrites)
                {
                    string key = PrivateDataKeys.HashedKey(write.KeyHash.Span);
                    if (write.IsDelete)
                    {
                        batch.Delete(hashedNs, key, height);
                    }
                    else
                    {
                        batch.Put(hashedNs, key, write.ValueHash.ToByteArray(), height);
                    }
                }
            }
        }

        foreach (NsPvtReadWriteSet ns in privateData?.NsPvtRwset ?? [])
        {
            foreach (CollectionPvtReadWriteSet collection in ns.CollectionPvtRwset)
            {
                string privateNs = PrivateDataKeys.PrivateNamespace(ns.Namespace, collection.CollectionName);
                foreach (KVWrite write in KVRWSet.Parser.ParseFrom(collection.Rwset).Writes)
                {
                    if (write.IsDelete)
                    {
                        batch.Delete(privateNs, write.Key, height);
                    }
                    else
                    {
                        batch.Put(privateNs, write.Key, write.Value.ToByteArray(), height);
                    }
                }
            }
        }

        await Channels.State.ApplyUpdatesAsync(batch, height);
    }

    /// <summary>Stands in for the committer: applies the endorsed writes as block <paramref name="block"/>.</summary>
    public Task CommitAsync(ProposalResponse response, ulong block) => CommitAsync(response, block, null);

    public async ValueTask DisposeAsync()
    {
        await Support.DisposeAsync();
        foreach (ChaincodeServer server in _servers)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await server.StopAsync(stop.Token);
        }

        Network.Dispose();
    }
}
