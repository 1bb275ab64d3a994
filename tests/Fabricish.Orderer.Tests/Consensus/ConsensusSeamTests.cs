using System.Diagnostics.Metrics;
using Fabricish.Channels.Config;
using Fabricish.Channels.Msp;
using Fabricish.Orderer.Blocks;
using Fabricish.Orderer.Broadcast;
using Fabricish.Orderer.Consensus;
using Fabricish.Orderer.Host;
using Fabricish.Orderer.Operations;
using Fabricish.Orderer.Registrar;
using Fabricish.Protos.Common;
using Fabricish.Protos.Orderer;
using Fabricish.Testing;
using Fabricish.Testing.Infra;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Fabricish.Orderer.Tests.Consensus;

/// <summary>The registrar and the broadcast path know a channel's ordering only as <see cref="IConsenter"/> and
/// <see cref="IChain"/>: with a fake consenter, no Kafka is involved.</summary>
public sealed class ConsensusSeamTests : IAsyncLifetime
{
    private readonly TestNetwork _network = new();
    private readonly ScratchDirectory _directory = new("block-store");
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeConsenter _consenter;
    private readonly ChannelRegistrar _registrar;
    private readonly OrdererMetrics _metrics;
    private readonly BroadcastStreamHandler _broadcast;

    public ConsensusSeamTests()
    {
        _consenter = new FakeConsenter(_network.Config.Orderer.ConsensusType);
        _registrar = NewRegistrar(_consenter, _directory.FullPath);
        _metrics = new OrdererMetrics(_registrar, _services.GetRequiredService<IMeterFactory>());
        _broadcast = new BroadcastStreamHandler(_registrar, _metrics, NullLogger<BroadcastStreamHandler>.Instance);
    }

    public async Task InitializeAsync()
    {
        await _registrar.StartAsync(CancellationToken.None);
        JoinResult joined = await _registrar.JoinAsync(_network.Genesis);
        Assert.True(joined.Status == JoinStatus.Joined, joined.Error);
    }

    public async Task DisposeAsync()
    {
        await _registrar.StopAsync(CancellationToken.None);
        _metrics.Dispose();
        await _services.DisposeAsync();
        _directory.Dispose();
        _network.Dispose();
    }

    [Fact]
    public void A_joined_channel_is_served_by_the_started_chain_its_consenter_made_over_the_channels_processor()
    {
        ChannelSupport channel = _registrar.Get(TestNetwork.ChannelId)!;
        FakeChain chain = Assert.Single(_consenter.Chains);

        Assert.Same(chain, channel.Chain);
        Assert.Equal(ChainHealth.Available, chain.Status.Health);
        Assert.Equal(TestNetwork.ChannelId, chain.Support.ChannelId);
        Assert.Same(channel.Processor, chain.Support.Processor);
    }

    [Fact]
    public async Task An_envelope_broadcast_to_the_channel_reaches_its_chains_order_with_the_config_sequence()
    {
        Envelope envelope = TestEnvelopes.Signed(_network.Org1Client);

        BroadcastResponse response = await _broadcast.ProcessAsync(envelope, CancellationToken.None);

        Assert.Equal(Status.Success, response.Status);
        FakeChain chain = Assert.Single(_consenter.Chains);
        (Envelope ordered, ulong configSeq) = Assert.Single(chain.Ordered);
        Assert.Same(envelope, ordered);
        Assert.Equal(0ul, configSeq);
        Assert.Empty(chain.Configured);
    }

    [Fact]
    public void A_message_is_judged_and_handed_the_chain_of_the_channel_found_by_one_lookup()
    {
        var handler = new BroadcastHandler(_registrar);

        BroadcastOutcome outcome = handler.ProcessMessage(TestEnvelopes.Signed(_network.Org1Client));

        Assert.Equal(Status.Success, outcome.Status);
        Assert.Same(_registrar.Get(TestNetwork.ChannelId)!.Chain, outcome.Chain);
    }

    [Fact]
    public async Task An_authorized_config_update_reaches_the_chains_configure_as_a_config_envelope_with_the_config_sequence()
    {
        BroadcastResponse response = await _broadcast.ProcessAsync(BatchSizeUpdate(maxMessageCount: 2), CancellationToken.None);

        Assert.Equal(Status.Success, response.Status);
        FakeChain chain = Assert.Single(_consenter.Chains);
        (Envelope config, ulong configSeq) = Assert.Single(chain.Configured);
        ChannelHeader header = ChannelHeader.Parser.ParseFrom(Payload.Parser.ParseFrom(config.Payload).Header.ChannelHeader);
        Assert.Equal((int)HeaderType.Config, header.Type);
        Assert.Equal(0ul, configSeq);
        Assert.Empty(chain.Ordered);
    }

    [Fact]
    public async Task A_config_block_the_chain_writes_is_in_force_for_the_next_broadcast()
    {
        await _broadcast.ProcessAsync(BatchSizeUpdate(maxMessageCount: 2), CancellationToken.None);
        FakeChain chain = Assert.Single(_consenter.Chains);
        (Envelope config, _) = Assert.Single(chain.Configured);

        BlockWriteResult written = chain.Support.WriteConfigBlock(chain.Support.CreateNextBlock([config]), []);
        BroadcastResponse response = await _broadcast.ProcessAsync(TestEnvelopes.Signed(_network.Org1Client), CancellationToken.None);

        Assert.True(written.IsWritten, written.Error);
        Assert.Equal(Status.Success, response.Status);
        Assert.Equal(1ul, Assert.Single(chain.Ordered).ConfigSeq);
        ChannelSupport channel = _registrar.Get(TestNetwork.ChannelId)!;
        Assert.Equal(1ul, channel.Config.Sequence);
        Assert.Same(channel.Config, channel.Processor.Config);
    }

    [Fact]
    public void Reading_the_channels_processor_leaves_its_config_as_it_is()
    {
        ChannelSupport channel = _registrar.Get(TestNetwork.ChannelId)!;
        ChannelConfig other = _network.Config;
        Assert.NotSame(other, channel.Config);

        channel.Processor.Config = other;

        // Before the seam, the getter moved the processor back onto the chain's config on every read.
        Assert.Same(other, channel.Processor.Config);
        Assert.Same(other, channel.Processor.Config);
    }

    [Fact]
    public async Task A_channel_of_a_consensus_type_the_consenter_does_not_serve_is_refused_without_a_chain()
    {
        using var directory = new ScratchDirectory("block-store");
        var consenter = new FakeConsenter("etcdraft");
        ChannelRegistrar registrar = NewRegistrar(consenter, directory.FullPath);
        await registrar.StartAsync(CancellationToken.None);
        try
        {
            JoinResult joined = await registrar.JoinAsync(_network.Genesis);

            Assert.Equal(JoinStatus.Invalid, joined.Status);
            Assert.Contains("this orderer supports 'etcdraft' only", joined.Error, StringComparison.Ordinal);
            Assert.Empty(consenter.Chains);
            Assert.Null(registrar.Get(TestNetwork.ChannelId));
        }
        finally
        {
            await registrar.StopAsync(CancellationToken.None);
        }
    }

    private ChannelRegistrar NewRegistrar(IConsenter consenter, string directory)
    {
        SigningIdentity orderer = _network.Orderer;
        var options = new OrdererOptions
        {
            DataDir = Path.Combine(directory, "data"),
            MspDir = TestMspFolder.Write(Path.Combine(directory, "msp"), orderer),
            MspId = orderer.MspId,
        };
        return new ChannelRegistrar(Options.Create(options), consenter, NullLoggerFactory.Instance);
    }

    private Envelope BatchSizeUpdate(uint maxMessageCount)
    {
        SigningIdentity ordererAdmin = _network.Own(_network.OrdererOrg.Identity("Admin@example.com", NodeRole.Admin));
        var batchSize = new BatchSize { MaxMessageCount = maxMessageCount, AbsoluteMaxBytes = 1024 * 1024, PreferredMaxBytes = 512 * 1024 };
        return ConfigUpdates.Envelope(
            ConfigUpdates.SetBatchSize(TestNetwork.ChannelId, _network.ChannelGroup, batchSize), TestNetwork.ChannelId, ordererAdmin, ordererAdmin);
    }
}
