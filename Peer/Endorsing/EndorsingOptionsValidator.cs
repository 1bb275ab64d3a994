using Microsoft.Extensions.Options;

namespace Fabricish.Peer.Endorsing;

/// <summary>Refuses a chaincode table the endorser could not use, at start rather than on the first proposal.</summary>
internal sealed class EndorsingOptionsValidator : IValidateOptions<EndorsingOptions>
{
    public ValidateOptionsResult Validate(string? name, EndorsingOptions options)
    {
        var failures = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (ChaincodeEndpointOptions chaincode in options.Chaincodes)
        {
            if (string.IsNullOrWhiteSpace(chaincode.Name))
            {
                failures.Add("every chaincode needs a Name");
            }
            else if (!names.Add(chaincode.Name))
            {
                failures.Add($"chaincode {chaincode.Name} is configured twice");
            }

            if (string.IsNullOrWhiteSpace(chaincode.Address) || !chaincode.Address.Contains(':', StringComparison.Ordinal))
            {
                failures.Add($"chaincode {chaincode.Name}: Address must be host:port, not '{chaincode.Address}'");
            }

            if (chaincode.Tls is { } tls && !File.Exists(tls.RootCertFile))
            {
                failures.Add($"chaincode {chaincode.Name}: Tls.RootCertFile '{tls.RootCertFile}' does not exist");
            }
        }

        if (options.ExecuteTimeout <= TimeSpan.Zero || options.ConnectTimeout <= TimeSpan.Zero)
        {
            failures.Add("ExecuteTimeout and ConnectTimeout must be positive");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
