using Microsoft.Extensions.Options;

namespace Fabricish.Orderer.Host;

/// <summary>Refuses to start with settings the node cannot work with, naming the setting and how to set it.</summary>
public sealed class OrdererOptionsValidator : IValidateOptions<OrdererOptions>
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

        NodeHostBuilder.ValidateMessageSizes(failures, OrdererOptions.Section, options.MaxRecvMsgSize, options.MaxSendMsgSize);
        if (options.Tls.Enabled)
        {
            NodeTlsServer.Validate(failures, OrdererOptions.Section, options.Tls.CertFile, options.Tls.KeyFile, nameof(OrdererTlsOptions.RootCAs),
                options.Tls.RootCAs, options.Tls.ClientAuthRequired, options.Tls.ClientRootCAs);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
