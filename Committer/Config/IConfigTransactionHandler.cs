using Fabricish.Channels.Config;
using Fabricish.Protos.Common;

namespace Fabricish.Committer.Config;

/// <summary>What the committer does with a CONFIG transaction (Fabric's ChannelResources.Apply): judge it against
/// the configuration in force, then adopt it once its block is on the ledger.</summary>
public interface IConfigTransactionHandler
{
    /// <summary>Null when <paramref name="envelope"/> is an acceptable successor of <paramref name="current"/>,
    /// otherwise why not (the transaction is then INVALID_CONFIG_TRANSACTION).</summary>
    string? Validate(ConfigEnvelope envelope, ChannelConfig current);

    /// <summary>Adopts the configuration after block <paramref name="blockNumber"/> was committed.</summary>
    void Apply(ConfigEnvelope envelope, ulong blockNumber);
}
