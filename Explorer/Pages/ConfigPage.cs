using Fabricish.Channels.Config;
using Fabricish.Explorer.Ledger;
using Fabricish.Explorer.Web;
using Fabricish.Protos.Common;
using Fabricish.Protos.Msp;
using Microsoft.AspNetCore.Http;

namespace Fabricish.Explorer.Pages;

/// <summary><c>/channels/{channel}/config</c>: the current configuration from the last config block: orderer settings
/// (consensus, batch size and timeout), the organizations' MSPs, and every policy by path.</summary>
public static class ConfigPage
{
    public static async Task<IResult> RenderAsync(ChannelIndex index, ExplorerConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(connection);
        (Block block, ChannelConfig config) = await ConfigReader.ReadAsync(connection, index.ChannelId, cancellationToken).ConfigureAwait(false);
        OrdererConfig orderer = config.Orderer;
        var html = new HtmlWriter();
        html.Facts(
        [
            ("Config block", HtmlWriter.Link(Layout.BlockPath(index.ChannelId, block.Header.Number), HtmlWriter.Format($"{block.Header.Number}"))),
            ("Config sequence", HtmlWriter.Format($"{config.Sequence}")),
            ("Channel capabilities", HtmlWriter.Encode(string.Join(", ", config.Capabilities))),
            ("Application capabilities", HtmlWriter.Encode(string.Join(", ", config.Application?.Capabilities ?? []))),
            ("Consensus", HtmlWriter.Encode($"{orderer.ConsensusType} ({orderer.ConsensusState})")),
            ("Batch size", HtmlWriter.Format($"max {orderer.BatchSize.MaxMessageCount} messages, preferred {orderer.BatchSize.PreferredMaxBytes} B, absolute max {orderer.BatchSize.AbsoluteMaxBytes} B")),
            ("Batch timeout", HtmlWriter.Encode(orderer.BatchTimeout.ToString())),
            ("Kafka brokers", HtmlWriter.Encode(string.Join(", ", orderer.KafkaBrokers))),
            ("Orderer addresses", HtmlWriter.Encode(string.Join(", ", config.OrdererAddresses.Concat(orderer.Organizations.SelectMany(o => o.Endpoints)).Distinct(StringComparer.Ordinal)))),
        ]);
        html.Element("h2", "MSPs").Table(["MSP ID", "Root CAs", "Intermediate CAs", "Admins", "Node OUs"], config.MspConfigs.Select(Msp));
        var policies = new List<IReadOnlyList<string>>();
        Policies(config.CloneConfig().ChannelGroup, "/Channel", policies);
        html.Element("h2", "Policies").Table(["Path", "Policy", "Modified by"], policies, "policies");
        return Layout.Page($"Configuration of {index.ChannelId}", index.ChannelId, html);
    }

    private static string[] Msp(MSPConfig msp)
    {
        FabricMSPConfig? fabric = EnvelopeReader.TryParse(FabricMSPConfig.Parser, msp.Config);
        if (fabric is null)
        {
            return [HtmlWriter.Encode("(not a Fabric MSP)"), "", "", "", ""];
        }

        return
        [
            HtmlWriter.Encode(fabric.Name),
            HtmlWriter.Encode(string.Join("; ", fabric.RootCerts.Select(Subject))),
            HtmlWriter.Encode(string.Join("; ", fabric.IntermediateCerts.Select(Subject))),
            HtmlWriter.Encode(string.Join("; ", fabric.Admins.Select(Subject))),
            fabric.FabricNodeOus?.Enable == true ? "enabled" : "off",
        ];
    }

    private static string Subject(Google.Protobuf.ByteString pem)
    {
        try
        {
            using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(pem.ToStringUtf8());
            return certificate.Subject;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return "(unreadable certificate)";
        }
    }

    private static void Policies(ConfigGroup group, string path, List<IReadOnlyList<string>> rows)
    {
        foreach (var policy in group.Policies.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            rows.Add([HtmlWriter.Encode($"{path}/{policy.Key}"), $"<code>{HtmlWriter.Encode(policy.Value.Policy is { } p ? PolicyText.Of(p) : "")}</code>", HtmlWriter.Encode(policy.Value.ModPolicy)]);
        }

        foreach (var child in group.Groups.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Policies(child.Value, $"{path}/{child.Key}", rows);
        }
    }
}
