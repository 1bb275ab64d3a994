using Fabricish.Channels.Blocks;
using Fabricish.Channels.Config;
using Fabricish.Channels.Msp;
using Fabricish.Committer.History;
using Fabricish.Ledger.History;
using Fabricish.Endorser.Chaincode;
using Fabricish.Ledger;
using Fabricish.Ledger.State;
using Fabricish.Ledger.State.InMemory;
using Fabricish.Peer.Channels;
using Fabricish.Peer.Endorsing;
using Fabricish.Peer.Host;
using Fabricish.Peer.Lifecycle;
using Fabricish.Peer.SystemChaincode;
using Fabricish.Peer.Tests.Committing.Support;
using Fabricish.Peer.Tests.Events.Support;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Fabricish.Testing.Infra;
using Fabricish.Testing.Transactions;
using Google.Protobuf;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Fabricish.Peer.Tests.SystemChaincode;

/// <summary>An Org1 peer's endorser with qscc, built from the real local MSP (a cryptogen-layout folder) and one
/// joined channel, mychannel of the sample TwoOrgsChannel, holding the genesis block and one block of two
/// transactions (the first VALID, the second MVCC_READ_CONFLICT). Org3 is an organization outside the channel.</summary>
public sealed class SystemChaincodePeer : IPeerLedger, IDisposable
{
    public const string Channel = "mychannel";

    private readonly ScratchDirectory _directory = new("system-chaincode");
    private readonly SampleChannel _sample = new(Channel);
    private readonly TestOrg _org3 = new("Org3MSP", "org3.example.com");

    public SystemChaincodePeer()
    {
        Org1Admin = _sample.Org1.Identity("Admin@org1.example.com", NodeRole.Admin);
        Org1Client = _sample.Org1.Identity("User1@org1.example.com", NodeRole.Client);
        Org2Client = _sample.Org2.Identity("User1@org2.example.com", NodeRole.Client);
        Org3Admin = _org3.Identity("Admin@org3.example.com", NodeRole.Admin);
        SigningIdentity peer = _sample.Org1.Identity("peer0.org1.example.com", NodeRole.Peer);
        Org1Msp = LocalMspOf(_sample.Org1, peer, "org1");
        Org3Msp = LocalMspOf(_org3, _org3.Identity("peer0.org3.example.com", NodeRole.Peer), "org3");

        Blocks = BlockStore.Open(Path.Combine(_directory.FullPath, "blocks"));
        State = new InMemoryStateDatabase();
        History = new HistoryQueries(State, Blocks);
        Config = _sample.Config;
        Assert.True(Blocks.Append(_sample.Genesis.Clone()).Accepted);
        ProposalDraft valid = ChaincodeProposals.Create(Org1Client, Channel, "basic", "CreateAsset", "a1");
        ProposalDraft conflicting = ChaincodeProposals.Create(Org2Client, Channel, "basic", "TransferAsset", "a1", "Tom");
        ValidTxId = valid.TxId;
        InvalidTxId = conflicting.TxId;
        Envelopes = [PreparedTransactions.From(valid.Signed, new Response { Status = 200 }), PreparedTransactions.From(conflicting.Signed, new Response { Status = 200 })];
        var data = new BlockData();
        data.Data.AddRange(Envelopes.Select(e => e.ToByteString()));
        Block1 = new Block
        {
            Header = new BlockHeader
            {
                Number = 1,
                PreviousHash = ByteString.CopyFrom(BlockHashing.HeaderHash(_sample.Genesis.Header)),
                DataHash = ByteString.CopyFrom(BlockHashing.DataHash(data)),
            },
            Data = data,
            Metadata = new BlockMetadata(),
        };
        Committer.TransactionsFilter.Set(Block1, [TxValidationCode.Valid, TxValidationCode.MvccReadConflict]);
        Assert.True(Blocks.Append(Block1).Accepted);
    }

    public string ChannelId => Channel;

    public ChannelConfig Config { get; }

    public BlockStore Blocks { get; }

    public IStateDatabase State { get; }

    public IHistoryQueries History { get; }

    public SigningIdentity Org1Admin { get; }

    public SigningIdentity Org1Client { get; }

    public SigningIdentity Org2Client { get; }

    /// <summary>An admin of an organization the channel does not name.</summary>
    public SigningIdentity Org3Admin { get; }

    internal LocalMspAdmins Org1Msp { get; }

    internal LocalMspAdmins Org3Msp { get; }

    public Block Block1 { get; }

    public IReadOnlyList<Envelope> Envelopes { get; }

    public string ValidTxId { get; }

    public string InvalidTxId { get; }

    /// <summary>The endorser of a peer whose local MSP is <paramref name="local"/> (Org1's unless given) with qscc.</summary>
    internal Endorser.Endorser Endorser(LocalMspAdmins? local = null)
    {
        var registry = new ConfiguredChaincodeRegistry([]);
        return new Endorser.Endorser(
            new PeerEndorserChannels(new TestPeerChannels(this)),
            registry,
            new Fabricish.Endorser.Chaincode.ChaincodeSupport(registry),
            Org1Admin,
            systemChaincodes: [new QuerySystemChaincode(new TestPeerChannels(this), NullLogger<QuerySystemChaincode>.Instance)],
            localAdmins: local ?? Org1Msp);
    }

    public void Dispose()
    {
        Blocks.Dispose();
        _directory.Dispose();
        _sample.Dispose();
        _org3.Dispose();
    }

    private LocalMspAdmins LocalMspOf(TestOrg org, SigningIdentity node, string name)
    {
        string dir = org.WriteLocalMsp(Path.Combine(_directory.FullPath, name, "msp"), node);
        var options = Options.Create(new PeerOptions { MspDir = dir, MspId = org.MspId });
        return new LocalMspAdmins(new LocalMsp(options, NullLogger<LocalMsp>.Instance));
    }
}
