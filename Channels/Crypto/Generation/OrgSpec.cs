namespace Fabricish.Channels.Crypto.Generation;

/// <summary>One organisation of a crypto config (cryptogen's <c>OrgSpec</c>).</summary>
public sealed class OrgSpec
{
    public string? Name { get; set; }

    public string? Domain { get; set; }

    public bool EnableNodeOUs { get; set; }

    public CaSpec? CA { get; set; }

    public NodeTemplateSpec? Template { get; set; }

    public List<NodeSpec> Specs { get; set; } = [];

    public UsersSpec? Users { get; set; }
}
