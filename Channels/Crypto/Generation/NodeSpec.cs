namespace Fabricish.Channels.Crypto.Generation;

/// <summary>An explicitly listed node (cryptogen's <c>NodeSpec</c>).</summary>
public sealed class NodeSpec
{
    public string? Hostname { get; set; }

    /// <summary>Template over <c>{{.Hostname}}</c> and <c>{{.Domain}}</c>; defaults to hostname.domain.</summary>
    public string? CommonName { get; set; }

    public List<string> SANS { get; set; } = [];
}
