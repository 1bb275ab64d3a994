using Fabricish.Hosting;
using Microsoft.Extensions.Options;

namespace Fabricish.Orderer.Host;

/// <summary>Refuses to start with settings the node cannot work with, naming the setting and how to set it.</summary>
internal sealed class OrdererOptionsValidator : IValidateOptions<OrdererOptions>
{
    public ValidateOptionsResult Validate(string? name, OrdererOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!ListenAddress.TryParse(options.ListenAddress, out var grpc, out string? error))
        {
            failures.Add($"Orderer:ListenAddress {error}");
        }

        if (!ListenAddress.TryParse(options.AdminListenAddress, out var admin, out error))
        {
            failures.Add($"Orderer:AdminListenAddress {error}");
        }

        if (grpc is not null && admin is not null && grpc.Port == admin.Port)
        {
            failures.Add("Orderer:ListenAddress and Orderer:AdminListenAddress must use different ports");
        }

        if (string.IsNullOrWhiteSpace(options.DataDir))
        {
            failures.Add("Orderer:DataDir is required (--data-dir or FABRICISH_Orderer__DataDir)");
        }

        if (string.IsNullOrWhiteSpace(options.MspId))
        {
            failures.Add("Orderer:MspId is required (--msp-id or FABRICISH_Orderer__MspId)");
        }

        if (string.IsNullOrWhiteSpace(options.MspDir))
        {
            failures.Add("Orderer:MspDir is required (--msp-dir or FABRICISH_Orderer__MspDir)");
        }
        else if (!Directory.Exists(Path.Combine(options.MspDir, "signcerts")))
        {
            failures.Add($"Orderer:MspDir '{options.MspDir}' is not an MSP folder: it has no signcerts folder");
        }

        if (options.DeliverTimeWindow <= TimeSpan.Zero)
        {
            failures.Add("Orderer:DeliverTimeWindow must be positive");
        }

        if (options.KafkaProducerLinger < TimeSpan.Zero || options.KafkaProducerLinger > TimeSpan.FromSeconds(1))
        {
            failures.Add($"Orderer:KafkaProducerLinger must be between 0 and 00:00:01 (it is added to ordering latency), not {options.KafkaProducerLinger}");
        }

        if (options.KafkaFetchMinBytes is < 1 or > 1024 * 1024)
        {
            failures.Add($"Orderer:KafkaFetchMinBytes must be between 1 and 1048576, not {options.KafkaFetchMinBytes}");
        }

        if (options.KafkaFetchWait < TimeSpan.FromMilliseconds(1) || options.KafkaFetchWait > TimeSpan.FromSeconds(1))
        {
            failures.Add($"Orderer:KafkaFetchWait must be between 00:00:00.001 and 00:00:01 (it is added to ordering latency while fewer than KafkaFetchMinBytes arrive), not {options.KafkaFetchWait}");
        }

        NodeHostBuilder.ValidateMessageSizes(failures, OrdererOptions.Section, options.MaxRecvMsgSize, options.MaxSendMsgSize);
        if (options.Tls.Enabled)
        {
            NodeTlsServer.Validate(failures, OrdererOptions.Section, options.Tls.CertFile, options.Tls.KeyFile, nameof(OrdererTlsOptions.RootCAs),
                options.Tls.RootCAs, options.Tls.ClientAuthRequired, options.Tls.ClientRootCAs);
        }

        ValidateAdmin(failures, options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // The participation API can delete ledgers, so the admin listener is mutual TLS unless the operator opted out in
    // so many words, and never plaintext beside a TLS gRPC listener: that node is meant to be reachable.
    private static void ValidateAdmin(List<string> failures, OrdererOptions options)
    {
        OrdererTlsOptions tls = options.Admin.Tls;
        const string section = OrdererOptions.Section + ":Admin";
        const string prefix = section + ":";
        if (options.Admin.Insecure)
        {
            if (options.Tls.Enabled)
            {
                failures.Add($"{prefix}Insecure (--insecure-admin) is refused when Orderer:Tls:Enabled is true: a TLS orderer must not serve its channel participation API in plaintext; set {prefix}Tls instead");
            }

            if (tls.Enabled)
            {
                failures.Add($"{prefix}Insecure (--insecure-admin) and {prefix}Tls:Enabled contradict each other: set one of them");
            }

            return;
        }

        if (!tls.Enabled)
        {
            failures.Add($"{prefix}Tls:Enabled must be true: the channel participation API on Orderer:AdminListenAddress requires mutual TLS "
                + "(FABRICISH_Orderer__Admin__Tls__Enabled, __CertFile, __KeyFile, __ClientAuthRequired, __ClientRootCAs, as Fabric's Admin.TLS); "
                + "--insecure-admin serves it in plaintext for a local experiment");
            return;
        }

        if (!tls.ClientAuthRequired)
        {
            failures.Add($"{prefix}Tls:ClientAuthRequired must be true: without client certificates anyone reaching Orderer:AdminListenAddress could remove channels (as Fabric, which refuses Admin.TLS without it)");
        }

        NodeTlsServer.Validate(failures, section, tls.CertFile, tls.KeyFile, nameof(OrdererTlsOptions.RootCAs),
            tls.RootCAs, clientAuthRequired: true, tls.ClientRootCAs);
    }
}
