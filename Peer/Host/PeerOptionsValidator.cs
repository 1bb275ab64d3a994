using Fabricish.Hosting;
using Microsoft.Extensions.Options;

namespace Fabricish.Peer.Host;

/// <summary>Refuses to start with settings the node cannot work with, naming the setting and how to set it.</summary>
internal sealed class PeerOptionsValidator : IValidateOptions<PeerOptions>
{
    public ValidateOptionsResult Validate(string? name, PeerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!ListenAddress.TryParse(options.ListenAddress, out var grpc, out string? error))
        {
            failures.Add($"Peer:ListenAddress {error}");
        }

        if (!ListenAddress.TryParse(options.OperationsListenAddress, out var operations, out error))
        {
            failures.Add($"Peer:OperationsListenAddress {error}");
        }

        if (grpc is not null && operations is not null && grpc.Port == operations.Port)
        {
            failures.Add("Peer:ListenAddress and Peer:OperationsListenAddress must use different ports");
        }

        Require(failures, options.DataDir, "DataDir", "--data-dir");
        Require(failures, options.MspId, "MspId", "--msp-id");
        if (Require(failures, options.MspDir, "MspDir", "--msp-dir"))
        {
            foreach (string folder in new[] { "signcerts", "cacerts" })
            {
                if (!Directory.Exists(Path.Combine(options.MspDir, folder)))
                {
                    failures.Add($"Peer:MspDir '{options.MspDir}' is not a local MSP folder: it has no {folder} folder");
                }
            }
        }

        switch (options.ParsedStateDatabase)
        {
            case null:
                failures.Add($"Peer:StateDatabase '{options.StateDatabase}' is not a state database: CouchDB or Embedded " +
                    "(Fabric's goleveldb) (--state-db or FABRICISH_Peer__StateDatabase)");
                break;
            case StateDatabaseType.CouchDB:
                ValidateCouchDb(failures, options);
                break;
        }

        foreach (string endpoint in options.OrdererEndpointOverrides)
        {
            if (!TryHostPort(endpoint))
            {
                failures.Add($"Peer:OrdererEndpoints entry '{endpoint}' is not host:port");
            }
        }

        NodeHostBuilder.ValidateMessageSizes(failures, PeerOptions.Section, options.MaxRecvMsgSize, options.MaxSendMsgSize);
        if (options.Tls.Enabled)
        {
            NodeTlsServer.Validate(failures, PeerOptions.Section, options.Tls.CertFile, options.Tls.KeyFile, nameof(PeerTlsOptions.RootCertFile),
                options.Tls.RootCertFile, options.Tls.ClientAuthRequired, options.Tls.ClientRootCAs);
        }

        Positive(failures, options.DeliverRetryDelay, "DeliverRetryDelay");
        Positive(failures, options.DeliverRetryMaxDelay, "DeliverRetryMaxDelay");
        Positive(failures, options.DeliverConnectTimeout, "DeliverConnectTimeout");
        Positive(failures, options.DeliverKeepAliveInterval, "DeliverKeepAliveInterval");
        Positive(failures, options.DeliverKeepAliveTimeout, "DeliverKeepAliveTimeout");
        Positive(failures, options.CommitRetryDelay, "CommitRetryDelay");
        Positive(failures, options.CommitRetryMaxDelay, "CommitRetryMaxDelay");
        Positive(failures, options.AdminRequestTimeWindow, "AdminRequestTimeWindow");
        Positive(failures, options.PrivateData.PullRetryThreshold, "PrivateData:PullRetryThreshold");
        Positive(failures, options.PrivateData.ReconcileSleepInterval, "PrivateData:ReconcileSleepInterval");
        if (options.PrivateData.TransientStoreMaxBlockRetention == 0)
        {
            failures.Add("Peer:PrivateData:TransientStoreMaxBlockRetention must be at least 1 block");
        }

        if (options.PrivateData.ReconcileBatchSize < 1)
        {
            failures.Add($"Peer:PrivateData:ReconcileBatchSize {options.PrivateData.ReconcileBatchSize} must be at least 1");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateCouchDb(List<string> failures, PeerOptions options)
    {
            if (!Uri.TryCreate(options.CouchDbAddress, UriKind.Absolute, out Uri? couch) || couch.Scheme is not ("http" or "https"))
            {
                failures.Add($"Peer:CouchDbAddress '{options.CouchDbAddress}' is not an http(s) URL (--couchdb or FABRICISH_Peer__CouchDbAddress)");
            }

            // Secure by default: a CouchDB anyone can write to would let any local process change the ledger state the
            // peer serves, so the peer only talks to one that requires an admin's credentials.
            if (string.IsNullOrEmpty(options.CouchDbUsername) || string.IsNullOrEmpty(options.CouchDbPassword))
            {
                failures.Add("Peer:CouchDbUsername and Peer:CouchDbPassword are required: the credentials of the CouchDB admin " +
                    "(Fabric's couchDBConfig username and password; FABRICISH_Peer__CouchDbUsername, FABRICISH_Peer__CouchDbPassword)");
            }

            if (options.CouchDbCacheSize < 0)
            {
                failures.Add($"Peer:CouchDbCacheSize {options.CouchDbCacheSize} is negative: megabytes of committed state to cache, 0 for none (FABRICISH_Peer__CouchDbCacheSize)");
            }

            if (options.CouchDbRevsLimit < 0)
            {
                failures.Add($"Peer:CouchDbRevsLimit {options.CouchDbRevsLimit} is negative: the _revs_limit of the peer's CouchDB databases, 0 for CouchDB's own (FABRICISH_Peer__CouchDbRevsLimit)");
            }
    }

    private static bool Require(List<string> failures, string value, string setting, string switchName)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        failures.Add($"Peer:{setting} is required ({switchName} or FABRICISH_Peer__{setting})");
        return false;
    }

    private static void Positive(List<string> failures, TimeSpan value, string setting)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"Peer:{setting} must be positive");
        }
    }

    private static bool TryHostPort(string endpoint)
    {
        int colon = endpoint.LastIndexOf(':');
        return colon > 0 && int.TryParse(endpoint.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port)
            && port is > 0 and <= 65535;
    }
}
