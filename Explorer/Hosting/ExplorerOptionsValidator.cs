using System.Net;
using Fabricish.Explorer.Ledger;
using Microsoft.Extensions.Options;

namespace Fabricish.Explorer.Hosting;

/// <summary>Refuses to start with settings the explorer cannot work with, naming the setting and its switch.</summary>
public sealed class ExplorerOptionsValidator : IValidateOptions<ExplorerOptions>
{
    public ValidateOptionsResult Validate(string? name, ExplorerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionProfile))
        {
            failures.Add("Explorer:ConnectionProfile is required (--connection-profile FILE, e.g. .run/connection-org1.json)");
        }
        else if (ConnectionProfile.TryLoad(options.ConnectionProfile, out string? error) is null)
        {
            failures.Add($"Explorer:ConnectionProfile {error}");
        }

        if (options.ChannelList.Count == 0)
        {
            failures.Add("Explorer:Channels names no channel (--channel NAME[,NAME...])");
        }

        if (!IPEndPoint.TryParse(options.ListenAddress, out IPEndPoint? listen) || listen.Port is < 0 or > 65535)
        {
            failures.Add($"Explorer:ListenAddress '{options.ListenAddress}' is not HOST:PORT with an IP address (--listen 127.0.0.1:8080)");
        }

        if (options.RecentBlocks is < 10 or > 100_000)
        {
            failures.Add($"Explorer:RecentBlocks {options.RecentBlocks} is outside 10..100000 (--recent-blocks N)");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
