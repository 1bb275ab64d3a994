namespace Fabricish.Channels.Config.Update;

/// <summary>
/// One element of a flattened config tree (Fabric's configtx <c>comparable</c>): its fully qualified key such as
/// <c>[Group]  /Channel/Application</c>, the path of the group holding it, its own name, version and mod_policy.
/// </summary>
public readonly record struct ConfigItem(string Key, ConfigItemKind Kind, string ParentPath, string Name, ulong Version, string ModPolicy)
{
    /// <summary>
    /// The absolute path of the policy that may modify this element: an absolute mod_policy as is, a relative one
    /// from the group the element belongs to — for a group, the group itself; for the root group, the root.
    /// </summary>
    public string ModPolicyPath()
    {
        if (ModPolicy.StartsWith('/'))
        {
            return ModPolicy;
        }

        string context = Kind == ConfigItemKind.Group ? $"{ParentPath}/{Name}" : ParentPath;
        return $"{context}/{ModPolicy}";
    }
}
