using Fabricish.Channels.Blocks;
using Fabricish.Channels.Config;
using Fabricish.Channels.Msp;
using Fabricish.Orderer.MsgProcessor;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Cli.Tests.Channel;

/// <summary>
/// The state behind <see cref="StubAtomicBroadcast"/>: one channel's blocks, starting at a genesis block, and the
/// orderer's own broadcast processing (<see cref="StandardChannel"/>) to judge what is submitted. Accepted envelopes
/// become blocks at once, one per block — no consensus — with the LAST_CONFIG pointer Fabric's block writer keeps.
/// </summary>
internal sealed class StubOrdererLedger
{
    private readonly List<Block> _blocks = [];
    private readonly StandardChannel _channel;
    private ulong _lastConfig;

    public StubOrdererLedger(Block genesis, SigningIdentity orderer)
    {
        ConfigResult<ChannelConfig> config = ChannelConfig.FromBlock(genesis);
        _channel = new StandardChannel(config.Value ?? throw new ArgumentException(config.Error, nameof(genesis)), signer: orderer);
        _blocks.Add(genesis);
    }

    public string ChannelId => _channel.ChannelId;

    public List<(ChannelHeader Header, string CreatorMspId, Fabricish.Protos.Orderer.SeekInfo Seek)> Seeks { get; } = [];

    public List<Envelope> Broadcasts { get; } = [];

    public ulong Height
    {
        get
        {
            lock (_blocks)
            {
                return (ulong)_blocks.Count;
            }
        }
    }

    public Block? Get(ulong number)
    {
        lock (_blocks)
        {
            return number < (ulong)_blocks.Count ? _blocks[(int)number] : null;
        }
    }

    /// <summary>Judges the envelope as the orderer's broadcast handler does and, if accepted, cuts its block.</summary>
    public (Status Status, string Info) Submit(Envelope envelope)
    {
        lock (_blocks)
        {
            Broadcasts.Add(envelope);
            BroadcastMessage message = BroadcastMessage.Parse(envelope);
            bool isConfig = message.ChannelHeader is { } header && StandardChannel.Classify(header) == MessageClassification.ConfigUpdateMsg;
            ProcessResult result = isConfig ? _channel.ProcessConfigUpdateMsg(message) : _channel.ProcessNormalMsg(message);
            if (!result.IsOk)
            {
                return (result.Status, result.Info ?? string.Empty);
            }

            Envelope ordered = isConfig ? result.Config! : envelope;
            if (isConfig)
            {
                ConfigEnvelope config = ConfigEnvelope.Parser.ParseFrom(Payload.Parser.ParseFrom(ordered.Payload).Data);
                _channel.Config = ChannelConfig.FromEnvelope(config, ChannelId).Value!;
                _lastConfig = (ulong)_blocks.Count;
            }

            Append(ordered);
            return (Status.Success, string.Empty);
        }
    }

    /// <summary>Cuts a block holding <paramref name="envelope"/> without judging it (a transaction of someone else).</summary>
    public void Append(Envelope envelope)
    {
        lock (_blocks)
        {
            Block previous = _blocks[^1];
            var data = new BlockData();
            data.Data.Add(envelope.ToByteString());
            var block = new Block
            {
                Header = new BlockHeader
                {
                    Number = (ulong)_blocks.Count,
                    PreviousHash = ByteString.CopyFrom(BlockHashing.HeaderHash(previous.Header)),
                    DataHash = ByteString.CopyFrom(BlockHashing.DataHash(data)),
                },
                Data = data,
                Metadata = new BlockMetadata(),
            };
            var signatures = new Metadata { Value = new OrdererBlockMetadata { LastConfig = new LastConfig { Index = _lastConfig } }.ToByteString() };
            block.Metadata.Metadata.Add(signatures.ToByteString());
            for (int i = 1; i < 5; i++)
            {
                block.Metadata.Metadata.Add(ByteString.Empty);
            }

            _blocks.Add(block);
        }
    }
}
