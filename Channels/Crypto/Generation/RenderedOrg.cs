namespace Fabricish.Channels.Crypto.Generation;

/// <summary>An organisation of a crypto config with templates expanded and defaults applied.</summary>
public sealed record RenderedOrg(
    string Name,
    string Domain,
    bool IsOrderer,
    bool EnableNodeOUs,
    CaSubject Ca,
    CaSubject TlsCa,
    IReadOnlyList<RenderedNode> Nodes,
    IReadOnlyList<RenderedNode> Users)
{
    /// <summary>Folder of the organisation below the output folder, e.g. <c>peerOrganizations/org1.example.com</c>.</summary>
    public string RelativePath => Path.Combine(IsOrderer ? "ordererOrganizations" : "peerOrganizations", Domain);

    public RenderedNode Admin => Users.Single(u => u.CommonName.StartsWith("Admin@", StringComparison.Ordinal));
}
