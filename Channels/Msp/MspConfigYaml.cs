using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Fabricish.Channels.Msp;

/// <summary>
/// An MSP folder's <c>config.yaml</c> (Fabric's <c>msp.Configuration</c>): OU identifiers and NodeOUs,
/// each naming a certificate file relative to the MSP folder and an OU string.
/// </summary>
internal sealed class MspConfigYaml
{
    public List<(string? CertificatePath, string Ou)> OrganizationalUnitIdentifiers { get; } = [];

    public bool NodeOUsEnabled { get; private set; }

    /// <summary>NodeOU identifiers by role; a role absent from the file is absent here.</summary>
    public Dictionary<NodeRole, (string? CertificatePath, string Ou)> NodeOus { get; } = [];

    /// <summary>Parses config.yaml text; throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public static MspConfigYaml Parse(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"{source} is not valid YAML: {e.Message}", e);
        }

        var config = new MspConfigYaml();
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return config;
        }

        if (Child(root, "OrganizationalUnitIdentifiers") is YamlSequenceNode ous)
        {
            foreach (var node in ous.Children)
            {
                config.OrganizationalUnitIdentifiers.Add(ReadIdentifier(node, source, "OrganizationalUnitIdentifiers"));
            }
        }

        if (Child(root, "NodeOUs") is YamlMappingNode nodeOus)
        {
            config.NodeOUsEnabled = Child(nodeOus, "Enable") is YamlScalarNode { Value: { } enable }
                && bool.TryParse(enable, out bool enabled) && enabled;
            foreach (var (role, key) in new[]
            {
                (NodeRole.Client, "ClientOUIdentifier"), (NodeRole.Peer, "PeerOUIdentifier"),
                (NodeRole.Admin, "AdminOUIdentifier"), (NodeRole.Orderer, "OrdererOUIdentifier"),
            })
            {
                if (Child(nodeOus, key) is { } node)
                {
                    config.NodeOus[role] = ReadIdentifier(node, source, key);
                }
            }
        }

        return config;
    }

    /// <summary>The NodeOUs config.yaml cryptogen writes, every role certified by one CA file.</summary>
    public static string NodeOusFor(string caCertificatePath)
    {
        var text = new StringBuilder();
        text.Append("NodeOUs:\n  Enable: true\n");
        foreach (var (key, ou) in new[]
        {
            ("ClientOUIdentifier", NodeRoles.ClientOu), ("PeerOUIdentifier", NodeRoles.PeerOu),
            ("AdminOUIdentifier", NodeRoles.AdminOu), ("OrdererOUIdentifier", NodeRoles.OrdererOu),
        })
        {
            text.Append("  ").Append(key).Append(":\n")
                .Append("    Certificate: ").Append(caCertificatePath).Append('\n')
                .Append("    OrganizationalUnitIdentifier: ").Append(ou).Append('\n');
        }

        return text.ToString();
    }

    private static (string? CertificatePath, string Ou) ReadIdentifier(YamlNode node, string source, string key)
    {
        if (node is not YamlMappingNode mapping
            || Child(mapping, "OrganizationalUnitIdentifier") is not YamlScalarNode { Value: { Length: > 0 } ou })
        {
            throw new InvalidDataException($"{source}: {key} needs an OrganizationalUnitIdentifier");
        }

        string? certificate = Child(mapping, "Certificate") is YamlScalarNode { Value: { Length: > 0 } path } ? path : null;
        return (certificate, ou);
    }

    private static YamlNode? Child(YamlMappingNode mapping, string key)
    {
        foreach (var (name, value) in mapping.Children)
        {
            if (name is YamlScalarNode scalar && string.Equals(scalar.Value, key, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
