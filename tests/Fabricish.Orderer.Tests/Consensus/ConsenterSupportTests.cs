using Fabricish.Channels.Config;
using Fabricish.Channels.Msp;
using Fabricish.Ledger;
using Fabricish.Orderer.Blocks;
using Fabricish.Orderer.Consensus;
using Fabricish.Orderer.Cutting;
using Fabricish.Orderer.MsgProcessor;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Testing;
using Fabricish.Testing.Infra;

namespace Fabricish.Orderer.Tests.Consensus;

/// <summary>A channel's configuration changes in one place: when its chain writes a config block through the support.</summary>
public sealed class ConsenterSupportTests : IDisposable
{
    private readonly TestNetwork _network = new();
    private readonly ScratchDirectory _directory = new("block-store");
    private readonly BlockStore _store;
    private readonly ConsenterSupport _support;

    public ConsenterSupportTests()
    {
        _store = BlockStore.Open(_directory.FullPath);
        Assert.True(_store.Append(_network.Genesis).Accepted);
        ConsenterSupport? support = ConsenterSupport.TryOpen(_store, _network.Orderer, out string? error);
        Assert.True(support is not null, error);
        _support = support;
    }

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
        _network.Dispose();
    }

    [Fact]
    public void Writing_a_config_block_moves_the_processor_and_the_cutter_onto_its_config_once()
    {
        StandardChannel processor = _support.Processor;
        Assert.NotEqual(2u, _support.Config.Orderer.BatchSize.MaxMessageCount);

        BlockWriteResult written = _support.WriteConfigBlock(_support.CreateNextBlock([BatchSizeConfig(maxMessageCount: 2)]), []);

        Assert.True(written.IsWritten, written.Error);
        ChannelConfig applied = _support.Config;
        Assert.Equal(1ul, applied.Sequence);
        Assert.Same(processor, _support.Processor);
        Assert.Same(applied, processor.Config);
        IBlockCutter cutter = _support.BlockCutter;
        Assert.True(cutter.Ordered(Tx()).Pending);
        Assert.Equal(2, Assert.Single(cutter.Ordered(Tx()).Batches).Count);

        // Later blocks and reads leave the applied config in place: nothing swaps it again.
        Assert.True(_support.WriteBlock(_support.CreateNextBlock([Tx()]), []).IsWritten);
        Assert.Same(applied, _support.Processor.Config);
    }

    [Fact]
    public void Writing_a_normal_block_leaves_the_processor_on_the_config_it_has()
    {
        ChannelConfig before = _support.Processor.Config;

        BlockWriteResult written = _support.WriteBlock(_support.CreateNextBlock([Tx(), Tx()]), []);

        Assert.True(written.IsWritten, written.Error);
        Assert.Same(before, _support.Processor.Config);
        Assert.Equal(2ul, _support.Height);
    }

    [Fact]
    public void A_refused_config_block_changes_neither_the_processor_nor_the_cutter()
    {
        ChannelConfig before = _support.Processor.Config;

        BlockWriteResult written = _support.WriteConfigBlock(_support.CreateNextBlock([Tx()]), []);

        Assert.False(written.IsWritten);
        Assert.Same(before, _support.Processor.Config);
        Assert.True(_support.BlockCutter.Ordered(Tx()).Pending);
        Assert.Equal(1, _support.BlockCutter.PendingCount);
    }

    private Envelope Tx() => TestEnvelopes.Signed(_network.Org1Client);

    /// <summary>The CONFIG envelope the support's own processor makes of an orderer admin's batch size update.</summary>
    private Envelope BatchSizeConfig(uint maxMessageCount)
    {
        SigningIdentity ordererAdmin = _network.Own(_network.OrdererOrg.Identity("Admin@example.com", NodeRole.Admin));
        var batchSize = new BatchSize { MaxMessageCount = maxMessageCount, AbsoluteMaxBytes = 1024 * 1024, PreferredMaxBytes = 512 * 1024 };
        Envelope update = ConfigUpdates.Envelope(
            ConfigUpdates.SetBatchSize(TestNetwork.ChannelId, _network.ChannelGroup, batchSize), TestNetwork.ChannelId, ordererAdmin, ordererAdmin);
        ProcessResult result = _support.Processor.ProcessConfigUpdateMsg(update);
        Assert.True(result.IsOk, result.Info);
        return result.Config!;
    }
}
