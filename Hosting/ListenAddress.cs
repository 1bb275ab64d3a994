using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Fabricish.Hosting;

/// <summary>A host:port to listen on: an IP address, <c>localhost</c> (loopback) or <c>0.0.0.0</c>/<c>*</c> (any).</summary>
public static class ListenAddress
{
    public static bool TryParse(string? value, [NotNullWhen(true)] out IPEndPoint? endpoint, out string? error)
    {
        endpoint = null;
        int colon = value?.LastIndexOf(':') ?? -1;
        if (string.IsNullOrWhiteSpace(value) || colon <= 0)
        {
            error = $"'{value}' is not host:port";
            return false;
        }

        string host = value[..colon].Trim('[', ']');
        if (!int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            error = $"'{value}' has no port between 1 and 65535";
            return false;
        }

        IPAddress? address = host switch
        {
            "localhost" => IPAddress.Loopback,
            "*" => IPAddress.Any,
            _ => IPAddress.TryParse(host, out IPAddress? parsed) ? parsed : null,
        };
        if (address is null)
        {
            error = $"'{value}': '{host}' is not an IP address, localhost or *";
            return false;
        }

        endpoint = new IPEndPoint(address, port);
        error = null;
        return true;
    }
}
