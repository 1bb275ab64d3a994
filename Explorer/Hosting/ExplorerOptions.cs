namespace Fabricish.Explorer.Hosting;

/// <summary>The explorer's settings (section <c>Explorer</c>, <c>FABRICISH_Explorer__&lt;Setting&gt;</c> or the switches
/// of <see cref="ExplorerHost"/>), checked at start by <see cref="ExplorerOptionsValidator"/>.</summary>
public sealed record ExplorerOptions
{
    public const string Section = "Explorer";

    /// <summary>A Fabric common connection profile (<c>connection-org1.json</c>): the identity the explorer reads as
    /// (its certificate and key), that organization's peer, and the orderers. Peers named by the other
    /// <c>connection-*.json</c> files beside it are shown on the network page too.</summary>
    public string ConnectionProfile { get; set; } = "";

    /// <summary>Channels to show, comma-separated; the identity must be a reader of each (the peer enforces it).</summary>
    public string Channels { get; set; } = "";

    /// <summary>HTTP listener. Loopback unless told otherwise: the pages show what the identity may read to whoever
    /// reaches them.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1:8080";

    /// <summary>How many of a channel's newest blocks are kept in memory (whole, with a transaction ID lookup); older
    /// blocks are read from the peer on demand by number.</summary>
    public int RecentBlocks { get; set; } = 200;

    public IReadOnlyList<string> ChannelList =>
        [.. Channels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];
}
