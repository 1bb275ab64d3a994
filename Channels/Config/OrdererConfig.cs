using Fabricish.Channels.Config.Profile;
using Fabricish.Protos.Orderer;

namespace Fabricish.Channels.Config;

/// <summary>The <c>/Channel/Orderer</c> settings an orderer needs to cut blocks and a client needs to reach it.</summary>
public sealed record OrdererConfig(
    string ConsensusType,
    ConsensusType.Types.State ConsensusState,
    BatchSizeSpec BatchSize,
    TimeSpan BatchTimeout,
    IReadOnlyList<string> KafkaBrokers,
    ulong MaxChannels,
    IReadOnlyList<string> Capabilities,
    IReadOnlyList<OrdererOrgConfig> Organizations);
