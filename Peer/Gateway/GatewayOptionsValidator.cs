using System.Globalization;
using Microsoft.Extensions.Options;

namespace Fabricish.Peer.Gateway;

/// <summary>Refuses to start with gateway settings the peer cannot use, naming the setting.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    private const string Prefix = "Peer:Gateway:";

    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        for (int i = 0; i < options.Peers.Count; i++)
        {
            GatewayPeer peer = options.Peers[i];
            string setting = string.Create(CultureInfo.InvariantCulture, $"{Prefix}Peers:{i}");
            if (string.IsNullOrWhiteSpace(peer.MspId))
            {
                failures.Add($"{setting}:MspId is required: the MSP ID of the peer's organisation");
            }

            if (!IsHostPort(peer.Address))
            {
                failures.Add($"{setting}:Address '{peer.Address}' is not host:port");
            }
        }

        if (options.ExternalEndpoint is { Length: > 0 } endpoint && !IsHostPort(endpoint))
        {
            failures.Add($"{Prefix}ExternalEndpoint '{endpoint}' is not host:port");
        }

        if (options.EndorsementTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Prefix}EndorsementTimeout must be positive");
        }

        if (options.BroadcastTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{Prefix}BroadcastTimeout must be positive");
        }

        if (!Enum.IsDefined(options.OrdererSelection))
        {
            failures.Add($"{Prefix}OrdererSelection must be Sticky or Random, not {options.OrdererSelection}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static bool IsHostPort(string? endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return false;
        }

        int colon = endpoint.LastIndexOf(':');
        return colon > 0
            && int.TryParse(endpoint.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port)
            && port is > 0 and <= 65535;
    }
}
