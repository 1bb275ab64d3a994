using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Fabricish.Channels.Msp;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Fabricish.Channels.Crypto.Generation;

/// <summary>
/// Reads a cryptogen-style crypto config and renders it as cryptogen does: template nodes named
/// prefix+index, common names hostname.domain, CAs ca.domain and tlsca.domain, users User1..N plus Admin.
/// Names become folder names, so they are restricted to DNS-like characters.
/// </summary>
public static partial class CryptoSpecReader
{
    public static CryptoSpecResult Parse(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        CryptoConfigSpec? spec;
        try
        {
            spec = new DeserializerBuilder().Build().Deserialize<CryptoConfigSpec?>(yaml);
        }
        catch (YamlException e)
        {
            string detail = e.InnerException is null ? e.Message : $"{e.Message} {e.InnerException.Message}";
            return CryptoSpecResult.Invalid($"crypto config is not valid (line {e.Start.Line}, column {e.Start.Column}): {detail}");
        }

        if (spec is null || (spec.OrdererOrgs.Count == 0 && spec.PeerOrgs.Count == 0))
        {
            return CryptoSpecResult.Invalid("crypto config defines no OrdererOrgs or PeerOrgs");
        }

        var orgs = new List<RenderedOrg>();
        foreach (var (list, isOrderer) in new[] { (spec.OrdererOrgs, true), (spec.PeerOrgs, false) })
        {
            for (int i = 0; i < list.Count; i++)
            {
                string where = $"{(isOrderer ? "OrdererOrgs" : "PeerOrgs")}[{i}]";
                var (org, error) = Render(list[i], isOrderer, where);
                if (org is null)
                {
                    return CryptoSpecResult.Invalid(error!);
                }

                if (orgs.Any(o => o.IsOrderer == org.IsOrderer && o.Domain == org.Domain))
                {
                    return CryptoSpecResult.Invalid($"{where}: domain '{org.Domain}' is used by another organisation");
                }

                orgs.Add(org);
            }
        }

        return CryptoSpecResult.Ok(orgs);
    }

    private static (RenderedOrg? Org, string? Error) Render(OrgSpec spec, bool isOrderer, string where)
    {
        if (string.IsNullOrWhiteSpace(spec.Name))
        {
            return (null, $"{where}: Name is required");
        }

        where = $"{where} ({spec.Name})";
        if (string.IsNullOrWhiteSpace(spec.Domain) || !DnsName().IsMatch(spec.Domain))
        {
            return (null, $"{where}: Domain '{spec.Domain}' is missing or not a DNS name");
        }

        string domain = spec.Domain;
        var template = spec.Template ?? new NodeTemplateSpec();
        if (template.Count < 0 || template.Start < 0 || (spec.Users?.Count ?? 0) < 0)
        {
            return (null, $"{where}: Template Count/Start and Users Count must not be negative");
        }

        var hosts = new List<(string Hostname, string? CommonName, List<string> Sans)>();
        foreach (var node in spec.Specs)
        {
            hosts.Add((node.Hostname ?? string.Empty, node.CommonName, node.SANS));
        }

        string prefix = isOrderer ? "orderer" : "peer";
        for (int i = 0; i < template.Count; i++)
        {
            string index = (i + template.Start).ToString(CultureInfo.InvariantCulture);
            string hostname = Substitute(template.Hostname ?? "{{.Prefix}}{{.Index}}", ("Prefix", prefix), ("Index", index), ("Domain", domain));
            hosts.Add((hostname, null, template.SANS));
        }

        var nodes = new List<RenderedNode>();
        var role = isOrderer ? NodeRole.Orderer : NodeRole.Peer;
        foreach (var (hostname, cnTemplate, extraSans) in hosts)
        {
            if (!DnsName().IsMatch(hostname))
            {
                return (null, $"{where}: node Hostname '{hostname}' is missing or not a DNS label");
            }

            string commonName = Substitute(cnTemplate ?? "{{.Hostname}}.{{.Domain}}", ("Hostname", hostname), ("Domain", domain));
            if (!DnsName().IsMatch(commonName))
            {
                return (null, $"{where}: node CommonName '{commonName}' is not a DNS name");
            }

            if (nodes.Any(n => n.CommonName == commonName))
            {
                return (null, $"{where}: node '{commonName}' is defined twice");
            }

            var sans = new List<string> { commonName, hostname, "localhost", "127.0.0.1" };
            foreach (string san in extraSans)
            {
                string rendered = Substitute(san, ("Hostname", hostname), ("Domain", domain), ("CommonName", commonName));
                if (!DnsName().IsMatch(rendered) && !IPAddress.TryParse(rendered, out _))
                {
                    return (null, $"{where}: SAN '{rendered}' of '{commonName}' is neither a DNS name nor an IP address");
                }

                if (!sans.Contains(rendered))
                {
                    sans.Add(rendered);
                }
            }

            nodes.Add(new RenderedNode(commonName, sans, role));
        }

        var users = new List<RenderedNode>();
        int userCount = isOrderer ? 0 : spec.Users?.Count ?? 0;
        for (int j = 1; j <= userCount; j++)
        {
            users.Add(new RenderedNode($"User{j}@{domain}", [], NodeRole.Client));
        }

        users.Add(new RenderedNode($"Admin@{domain}", [], NodeRole.Admin));
        var caSpec = spec.CA ?? new CaSpec();
        string caName = Substitute(
            caSpec.CommonName ?? "{{.Hostname}}.{{.Domain}}", ("Hostname", caSpec.Hostname ?? "ca"), ("Domain", domain));
        var ca = new CaSubject(domain, caName)
        {
            Country = caSpec.Country ?? "US",
            Province = caSpec.Province ?? "California",
            Locality = caSpec.Locality ?? "San Francisco",
            OrganizationalUnit = caSpec.OrganizationalUnit,
        };
        var org = new RenderedOrg(spec.Name, domain, isOrderer, spec.EnableNodeOUs, ca, ca with { CommonName = "tls" + caName }, nodes, users);
        return (org, null);
    }

    private static string Substitute(string template, params (string Name, string Value)[] values)
    {
        string result = template;
        foreach (var (name, value) in values)
        {
            result = result.Replace("{{." + name + "}}", value, StringComparison.Ordinal);
        }

        return result;
    }

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$")]
    private static partial Regex DnsName();
}
