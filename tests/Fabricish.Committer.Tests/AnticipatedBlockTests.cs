using System.Text;
using Fabricish.Channels.Config;
using Fabricish.Channels.Policies;
using Fabricish.Committer.Config;
using Fabricish.Committer.Tests.Support;
using Fabricish.Committer.Validation;
using Fabricish.Ledger;
using Fabricish.Ledger.State;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Fabricish.Testing.Policies;
using Fabricish.Testing.Transactions;

namespace Fabricish.Committer.Tests;

/// <summary>Signatures of the next block checked ahead (<see cref="BlockCommitter.Anticipate"/>) while the committer
/// finishes the block in hand: the codes, blocks and state are those of a committer without it, a configuration or
/// chaincode definition committed in between judges the next block as it would in sequence, and a check made under a
/// configuration that is no longer current is not used.</summary>
public sealed class AnticipatedBlockTests
{
    private const string SequenceKey = "namespaces/fields/mycc/Sequence";

    private static TestNetwork Net => TestNetwork.Shared;

    [Fact]
    public async Task A_block_whose_signatures_were_checked_ahead_gets_the_codes_it_gets_without()
    {
        var holder = new ChannelConfigHolder(Net.Config);
        TxValidator validator = NewValidator(holder);
        Block block = MixedBlock(Net.NewChain());

        BlockPrecheck precheck = validator.StartPrecheck(block)!;
        await precheck.Completion;
        IReadOnlyList<ValidatedTransaction> ahead = validator.Validate(block, precheck);
        IReadOnlyList<ValidatedTransaction> plain = validator.Validate(block);

        Assert.Equal(MixedBlockCodes, ahead.Select(r => r.Code));
        Assert.Equal(plain.Select(r => (r.Code, r.Reason, r.TxId)), ahead.Select(r => (r.Code, r.Reason, r.TxId)));
        Assert.Equal(block.Data.Data.Count, precheck.Checked);

        // Every transaction whose envelope came out VALID ahead is handed on, once; the one whose creator signature
        // fails is judged from scratch.
        Assert.Equal(6, precheck.Taken);
    }

    [Fact]
    public async Task Signatures_checked_under_a_configuration_that_is_no_longer_current_are_not_used()
    {
        var holder = new ChannelConfigHolder(Net.Config);
        TxValidator validator = NewValidator(holder);
        Block block = MixedBlock(Net.NewChain());
        BlockPrecheck precheck = validator.StartPrecheck(block)!;
        await precheck.Completion;

        holder.Update(ChannelConfig.FromBlock(Net.Genesis).Value!);
        IReadOnlyList<ValidatedTransaction> results = validator.Validate(block, precheck);

        Assert.Equal(MixedBlockCodes, results.Select(r => r.Code));
        Assert.Equal(0, precheck.Taken);
    }

    [Fact]
    public async Task A_committer_told_each_next_block_commits_the_same_codes_blocks_and_state_across_a_config_block()
    {
        TestChain chain = Net.NewChain();
        (ConfigUpdate update, Protos.Common.Config next) = ConfigTransactions.SetAnchorPeers(Net.Config.CloneConfig(), "peer1.org1.example.com", 7151);
        Block[] blocks =
        [
            MixedBlock(chain),
            chain.Cut(ConfigTransactions.ConfigTx(update, next, Net.Org1Admin)),
            MixedBlock(chain),
            chain.Cut(new EndorsedTransaction(Net.Org1Client, new RwSet().Read("k0", new Height(1, 0)).Write("k0", "again").Build()).Build()),
        ];
        using TestPeer anticipating = await TestPeer.JoinedAsync(chain);
        using TestPeer plain = await TestPeer.JoinedAsync(chain);

        List<BlockCommitResult> ahead = await CommitAllAsync(anticipating, blocks, anticipate: true);
        List<BlockCommitResult> inTurn = await CommitAllAsync(plain, blocks, anticipate: false);

        // Block 4's transaction was checked ahead; the config block's transaction is the config handler's to judge, and
        // block 3, after the config block, is judged under the new configuration only.
        Assert.Equal(1, anticipating.Committer.PrecheckedTransactions);
        Assert.Equal(0, plain.Committer.PrecheckedTransactions);
        Assert.Equal([TxValidationCode.Valid], ahead[1].Codes);
        Assert.Equal(Net.Config.Sequence + 1, anticipating.Config.Current.Sequence);
        Assert.Equal(inTurn.Select(r => string.Join(',', r.Codes)), ahead.Select(r => string.Join(',', r.Codes)));
        Assert.Equal(await StateDump.OfAsync(plain), await StateDump.OfAsync(anticipating));
        for (ulong n = 0; n < plain.Blocks.Height; n++)
        {
            Assert.Equal(plain.Blocks.GetBlock(n), anticipating.Blocks.GetBlock(n));
        }
    }

    [Fact]
    public async Task A_block_after_a_chaincode_definition_change_is_judged_by_the_new_definition_though_its_signatures_were_checked_ahead()
    {
        TestChain chain = Net.NewChain();
        Envelope org1Only = new EndorsedTransaction(Net.Org1Client, new RwSet().Write("solo", "1").Build()) { Endorsers = [Net.Org1Peer] }.Build();
        Block[] blocks =
        [
            chain.Cut(org1Only),
            chain.Cut(
                new EndorsedTransaction(Net.Org1Client, new RwSet(TestPeer.LifecycleNamespace).Write(SequenceKey, "2").Build()) { Chaincode = TestPeer.LifecycleNamespace }.Build()),
            chain.Cut(new EndorsedTransaction(Net.Org1Client, new RwSet().Write("solo", "2").Build()) { Endorsers = [Net.Org1Peer] }.Build()),
        ];

        var anticipatingDefinitions = new SwitchingDefinitions();
        var plainDefinitions = new SwitchingDefinitions();
        using TestPeer anticipating = await TestPeer.JoinedAsync(chain, listeners: [anticipatingDefinitions], policies: anticipatingDefinitions);
        using TestPeer plain = await TestPeer.JoinedAsync(chain, listeners: [plainDefinitions], policies: plainDefinitions);

        List<BlockCommitResult> ahead = await CommitAllAsync(anticipating, blocks, anticipate: true);
        List<BlockCommitResult> inTurn = await CommitAllAsync(plain, blocks, anticipate: false);

        Assert.Equal(2, anticipating.Committer.PrecheckedTransactions);
        Assert.Equal(
            [[TxValidationCode.EndorsementPolicyFailure], [TxValidationCode.Valid], [TxValidationCode.Valid]],
            ahead.Select(r => r.Codes.ToArray()));
        Assert.Equal(inTurn.Select(r => string.Join(',', r.Codes)), ahead.Select(r => string.Join(',', r.Codes)));
        Assert.Equal(await StateDump.OfAsync(plain), await StateDump.OfAsync(anticipating));
    }

    [Fact]
    public async Task An_anticipated_block_whose_header_names_other_data_is_refused_as_without_the_head_start()
    {
        TestChain chain = Net.NewChain();
        Block block = MixedBlock(chain);
        block.Header.DataHash = Google.Protobuf.ByteString.CopyFrom(new byte[32]);
        using TestPeer peer = await TestPeer.JoinedAsync(chain);

        peer.Committer.Anticipate(block);
        await peer.Committer.PendingPrecheck;
        BlockCommitResult result = await peer.Committer.CommitAsync(block);

        Assert.Equal(BlockCommitStatus.Refused, result.Status);
        Assert.Equal("data hash does not match the block's data", result.Reason);
        Assert.Equal(1UL, peer.Blocks.Height);
    }

    // As TxValidator leaves them: the repeated tx id (index 4) is marked DUPLICATE_TXID later, after the key-level stage.
    private static readonly TxValidationCode[] MixedBlockCodes =
    [
        TxValidationCode.Valid, TxValidationCode.EndorsementPolicyFailure, TxValidationCode.BadCreatorSignature,
        TxValidationCode.Valid, TxValidationCode.Valid, TxValidationCode.EndorsementPolicyFailure, TxValidationCode.Valid,
    ];

    /// <summary>A valid transaction, one endorsed by Org2 alone, one whose envelope is signed by someone other than its
    /// creator, a valid one repeated (DUPLICATE_TXID), one whose Org2 endorsement signature is altered, and a valid
    /// one; each block of a chain writes other keys.</summary>
    private static Block MixedBlock(TestChain chain)
    {
        ulong number = chain.Next;
        string Key(int i) => $"k{i}-{number}";
        var dup = new EndorsedTransaction(Net.Org1Client, new RwSet().Write(Key(3), "1").Build());
        Envelope forgedEndorsement = new EndorsedTransaction(Net.Org1Client, new RwSet().Write(Key(5), "1").Build())
        {
            TamperedEndorsement = 1,
        }.Build();
        return chain.Cut(
            new EndorsedTransaction(Net.Org1Client, new RwSet().Write(number == 1 ? "k0" : Key(0), "1").Build()).Build(),
            new EndorsedTransaction(Net.Org1Client, new RwSet().Write(Key(1), "1").Build()) { Endorsers = [Net.Org2Peer] }.Build(),
            new EndorsedTransaction(Net.Org1Client, new RwSet().Write(Key(2), "1").Build()) { EnvelopeSigner = Net.Org1Admin }.Build(),
            dup.Build(),
            dup.Build(),
            forgedEndorsement,
            new EndorsedTransaction(Net.Org1Client, new RwSet().Write(Key(6), "1").Build()).Build());
    }

    private static TxValidator NewValidator(ChannelConfigHolder holder) =>
        new(holder, DefinedEndorsementPolicies.Signature(TestNetwork.BothOrgsPolicy, TestNetwork.Chaincode), new NoCommittedTxIds(), new ConfigTransactionHandler(holder));

    /// <summary>Commits <paramref name="blocks"/> one after another as a deliver loop that has the next block already
    /// would, waiting for each state write (the tests read state next).</summary>
    private static async Task<List<BlockCommitResult>> CommitAllAsync(TestPeer peer, Block[] blocks, bool anticipate)
    {
        var results = new List<BlockCommitResult>();
        for (int b = 0; b < blocks.Length; b++)
        {
            if (anticipate && b + 1 < blocks.Length)
            {
                peer.Committer.Anticipate(blocks[b + 1]);
            }

            results.Add(await peer.Committer.CommitAsync(blocks[b]));

            // The head start runs to its end before the next commit, so what it contributes does not depend on timing.
            await peer.Committer.PendingPrecheck;
        }

        await peer.Committer.WaitForCommittedHeightAsync(peer.Blocks.Height);
        return results;
    }

    private sealed class NoCommittedTxIds : ICommittedTxIds
    {
        public bool Contains(string txId) => false;
    }

    /// <summary>The test chaincode's definition as the lifecycle's state listener keeps it: both orgs must endorse
    /// until <c>_lifecycle</c> commits sequence 2, which lets Org1's peer endorse alone.</summary>
    private sealed class SwitchingDefinitions : IEndorsementPolicyProvider, IStateListener
    {
        private readonly DefinedEndorsementPolicies _both = DefinedEndorsementPolicies.Signature(TestNetwork.BothOrgsPolicy, TestNetwork.Chaincode, TestPeer.LifecycleNamespace);
        private readonly DefinedEndorsementPolicies _org1 = DefinedEndorsementPolicies.Signature("OR('Org1MSP.peer')", TestNetwork.Chaincode);
        private volatile bool _sequence2;

        public IReadOnlyCollection<string> Namespaces { get; } = [TestPeer.LifecycleNamespace];

        public IPolicy? GetPolicy(string chaincodeName, ChannelConfig config) =>
            _sequence2 && chaincodeName == TestNetwork.Chaincode ? _org1.GetPolicy(chaincodeName, config) : _both.GetPolicy(chaincodeName, config);

        public void StateCommitted(string channelId, ulong blockNumber, IReadOnlyDictionary<string, IReadOnlyDictionary<string, StateUpdate>> updates)
        {
            if (updates.TryGetValue(TestPeer.LifecycleNamespace, out var writes) && writes.TryGetValue(SequenceKey, out StateUpdate? sequence)
                && sequence.Value is { } value)
            {
                _sequence2 = Encoding.UTF8.GetString(value) == "2";
            }
        }
    }
}
