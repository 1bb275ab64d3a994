using Fabricish.Peer.Host;

namespace Fabricish.Peer.Tests.Committing;

/// <summary>The peer refuses settings it cannot work with, naming each setting and how to set it.</summary>
public sealed class PeerOptionsTests
{
    [Fact]
    public void Missing_and_malformed_settings_are_each_named()
    {
        var options = new PeerOptions
        {
            ListenAddress = "nowhere",
            OperationsListenAddress = "127.0.0.1:7051",
            CouchDbAddress = "couch",
            CouchDbCacheSize = -1,
            CouchDbRevsLimit = -1,
            OrdererEndpoints = "orderer0:7050, orderer1",
            PrivateData = new PeerPrivateDataOptions
            {
                TransientStoreMaxBlockRetention = 0, PullRetryThreshold = TimeSpan.Zero, ReconcileSleepInterval = TimeSpan.Zero, ReconcileBatchSize = 0,
            },
        };

        var result = new PeerOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        string failures = string.Join('\n', result.Failures!);
        Assert.Contains("Peer:ListenAddress 'nowhere' is not host:port", failures, StringComparison.Ordinal);
        Assert.Contains("Peer:DataDir is required (--data-dir or FABRICISH_Peer__DataDir)", failures, StringComparison.Ordinal);
        Assert.Contains("Peer:MspDir is required", failures, StringComparison.Ordinal);
        Assert.Contains("Peer:MspId is required", failures, StringComparison.Ordinal);
        Assert.Contains("Peer:CouchDbAddress 'couch' is not an http(s) URL", failures, StringComparison.Ordinal);
        Assert.Contains("Peer:CouchDbUsername and Peer:CouchDbPassword are required", failures, StringComparison.Ordinal);
        Assert.Contains("Peer:CouchDbCacheSize -1 is negative", failures, StringComparison.Ordinal);
        Assert.Contains("Peer:CouchDbRevsLimit -1 is negative", failures, StringComparison.Ordinal);
        Assert.Contains("Peer:OrdererEndpoints entry 'orderer1' is not host:port", failures, StringComparison.Ordinal);
        Assert.DoesNotContain("orderer0:7050", failures, StringComparison.Ordinal);
        Assert.Contains("Peer:PrivateData:TransientStoreMaxBlockRetention must be at least 1 block", failures, StringComparison.Ordinal);
        Assert.Contains("Peer:PrivateData:PullRetryThreshold must be positive", failures, StringComparison.Ordinal);
        Assert.Contains("Peer:PrivateData:ReconcileSleepInterval must be positive", failures, StringComparison.Ordinal);
        Assert.Contains("Peer:PrivateData:ReconcileBatchSize 0 must be at least 1", failures, StringComparison.Ordinal);
    }

    [Fact]
    public void Private_data_settings_default_to_fabrics_reconciliation_values_and_a_short_pull_at_commit()
    {
        var defaults = new PeerPrivateDataOptions();

        Assert.Equal(
            (1000UL, TimeSpan.FromSeconds(5), true, TimeSpan.FromMinutes(1), 10),
            (defaults.TransientStoreMaxBlockRetention, defaults.PullRetryThreshold, defaults.ReconciliationEnabled, defaults.ReconcileSleepInterval, defaults.ReconcileBatchSize));
    }

    [Fact]
    public void Listen_and_operations_addresses_must_use_different_ports()
    {
        string msp = Directory.CreateTempSubdirectory("fx-peer-msp-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(msp, "signcerts"));
            Directory.CreateDirectory(Path.Combine(msp, "cacerts"));
            var options = new PeerOptions
            {
                ListenAddress = "127.0.0.1:7051", OperationsListenAddress = "127.0.0.1:7051", DataDir = "/tmp/x", MspDir = msp, MspId = "Org1MSP",
                CouchDbUsername = "admin", CouchDbPassword = "adminpw",
            };

            var result = new PeerOptionsValidator().Validate(null, options);

            Assert.Equal(["Peer:ListenAddress and Peer:OperationsListenAddress must use different ports"], result.Failures);
        }
        finally
        {
            Directory.Delete(msp, recursive: true);
        }
    }

    [Theory]
    [InlineData("Embedded")]
    [InlineData("embedded")]
    [InlineData("goleveldb")]
    public void An_embedded_state_database_needs_no_CouchDB_settings_and_accepts_fabrics_goleveldb_word(string setting)
    {
        var options = new PeerOptions { StateDatabase = setting, CouchDbAddress = "not a url" };

        var result = new PeerOptionsValidator().Validate(null, options);

        Assert.Equal(StateDatabaseType.Embedded, options.ParsedStateDatabase);
        Assert.DoesNotContain(result.Failures!, f => f.Contains("CouchDb", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_state_database_is_refused_naming_the_choices()
    {
        var options = new PeerOptions { StateDatabase = "mongodb", CouchDbUsername = "admin", CouchDbPassword = "adminpw" };

        var result = new PeerOptionsValidator().Validate(null, options);

        Assert.Contains(
            "Peer:StateDatabase 'mongodb' is not a state database: CouchDB or Embedded (Fabric's goleveldb) (--state-db or FABRICISH_Peer__StateDatabase)",
            result.Failures!);
    }
}
