using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Fabricish.Network.Tests.Readme;

/// <summary>The fixed ports <c>./fabricish up</c> uses without <c>--base-port</c>, read from the script that sets them
/// (<c>net_default_ports</c> in tools/network/lib/layout.sh), and which of them something already listens on.</summary>
public static partial class DefaultPorts
{
    public static IReadOnlyDictionary<string, int> Read(string root)
    {
        string layout = File.ReadAllText(Path.Combine(root, "tools", "network", "lib", "layout.sh"));
        Match function = DefaultPortsFunction().Match(layout);
        if (!function.Success)
        {
            throw new InvalidOperationException("tools/network/lib/layout.sh has no net_default_ports function");
        }

        Dictionary<string, int> ports = PortAssignment().Matches(function.Groups["body"].Value)
            .ToDictionary(m => m.Groups["name"].Value, m => int.Parse(m.Groups["port"].Value, CultureInfo.InvariantCulture));
        if (ports.Count == 0)
        {
            throw new InvalidOperationException("net_default_ports in tools/network/lib/layout.sh assigns no port");
        }

        return ports;
    }

    /// <summary>"name=port" for every port that accepts a connection on 127.0.0.1.</summary>
    public static IReadOnlyList<string> InUse(IReadOnlyDictionary<string, int> ports) =>
        [.. ports.Where(p => Listening(p.Value)).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value}"))];

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"net_default_ports\(\)\s*\{(?<body>.*?)\n\}", RegexOptions.Singleline)]
    private static partial Regex DefaultPortsFunction();

    [GeneratedRegex(@"\[(?<name>[A-Za-z0-9.-]+)\]=(?<port>\d+)")]
    private static partial Regex PortAssignment();
}
