using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Fabricish.Channels.Msp;
using Fabricish.Network.Tests.Up;
using Fabricish.Protos.Peer;

namespace Fabricish.Network.Tests;

/// <summary>What a user gets from <c>./fabricish up</c>: the sample invoke committed on both peers, the asset readable
/// through each org, connection profiles any Fabric client can use, and a second up that reports instead of failing.</summary>
[Collection(UpNetworkCollection.Name)]
public sealed class UpTests(UpNetworkFixture network)
{
    private static readonly TimeSpan CliTimeout = TimeSpan.FromMinutes(5);

    private RunFolder Run => network.Run;

    [Fact]
    public async Task Up_commits_the_sample_invoke_VALID_on_both_peers()
    {
        SampleTransaction sample = Run.Sample ?? throw new InvalidOperationException($"network.json has no sample transaction:\n{network.Up.Output}");
        Assert.Contains($"txid: {sample.TxId}", network.Up.Output, StringComparison.Ordinal);
        Assert.Contains("validation code: VALID", network.Up.Output, StringComparison.Ordinal);

        foreach (NetworkOrg org in Run.Orgs.Values)
        {
            using SigningIdentity reader = MspDirectory.LoadSigningIdentity(org.UserMsp, org.MspId);
            TxValidationCode? code = await PeerCommits.ValidationCodeAsync(Run.Component(org.Peer).Address, reader, Run.Channel, sample.TxId, sample.Block);
            Assert.True(code == TxValidationCode.Valid, $"{org.Peer} committed {sample.TxId} as {code?.ToString() ?? "nothing"} in blocks 0..{sample.Block}");
        }
    }

    [Theory]
    [InlineData("Org1")]
    [InlineData("Org2")]
    public async Task Query_with_each_orgs_connection_profile_returns_the_sample_asset(string orgName)
    {
        SampleTransaction sample = Run.Sample ?? throw new InvalidOperationException("network.json has no sample transaction");
        NetworkOrg org = Run.Orgs[orgName];

        ScriptResult query = await FabricishScript.RunAsync(CliTimeout, "cli", "chaincode", "query", "--connection-profile", org.ConnectionProfile,
            "-C", Run.Channel, "-n", Run.Chaincode, "-c", $$"""{"Args":["ReadAsset","{{sample.Asset}}"]}""");

        Assert.True(query.Succeeded, query.ToString());
        JsonNode asset = JsonNode.Parse(query.Output.Trim().Split('\n')[^1]) ?? throw new InvalidOperationException(query.Output);
        Assert.Equal(sample.Asset, asset["ID"]?.GetValue<string>());
        Assert.Equal("Tomoko", asset["Owner"]?.GetValue<string>());
    }

    [Fact]
    public async Task Chaincode_is_defined_through_the_lifecycle_with_both_orgs_approval()
    {
        NetworkOrg org2 = Run.Orgs["Org2"];

        ScriptResult committed = await FabricishScript.RunAsync(CliTimeout, "cli", "lifecycle", "chaincode", "querycommitted", "-C", Run.Channel,
            "-n", Run.Chaincode, "--output", "json", "--peer", Run.Component(org2.Peer).Address, "--msp-dir", org2.AdminMsp, "--msp-id", org2.MspId);

        Assert.True(committed.Succeeded, committed.ToString());
        JsonNode definition = JsonNode.Parse(committed.Output.Trim().Split('\n')[^1]) ?? throw new InvalidOperationException(committed.Output);
        Assert.Equal("1", definition["sequence"]?.ToString());
        Assert.Equal("1.0", definition["version"]?.GetValue<string>());
        Assert.True(definition["approvals"]?["Org1MSP"]?.GetValue<bool>(), committed.Output);
        Assert.True(definition["approvals"]?["Org2MSP"]?.GetValue<bool>(), committed.Output);
        Assert.StartsWith("basic_1.0:", Run.PackageId, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Org1", "org1")]
    [InlineData("Org2", "org2")]
    public void Connection_profile_names_the_orgs_user_identity_and_the_running_peer(string orgName, string org)
    {
        NetworkOrg expected = Run.Orgs[orgName];
        Assert.Equal(Path.Combine(Run.Path, $"connection-{org}.json"), expected.ConnectionProfile);
        JsonNode profile = JsonNode.Parse(File.ReadAllText(expected.ConnectionProfile))!;

        Assert.Equal($"fabricish-{org}", profile["name"]?.GetValue<string>());
        Assert.Equal(orgName, profile["client"]?["organization"]?.GetValue<string>());
        JsonNode organization = profile["organizations"]?[orgName] ?? throw new InvalidOperationException($"no organizations.{orgName}");
        Assert.Equal(expected.MspId, organization["mspid"]?.GetValue<string>());
        string peerName = $"peer0.{org}.example.com";
        Assert.Equal(peerName, organization["peers"]?[0]?.GetValue<string>());

        string certPath = organization["signedCert"]?["path"]?.GetValue<string>() ?? throw new InvalidOperationException("no signedCert.path");
        string keyPath = organization["adminPrivateKey"]?["path"]?.GetValue<string>() ?? throw new InvalidOperationException("no adminPrivateKey.path");
        Assert.Equal(Path.Combine(expected.UserMsp, "signcerts", $"User1@{org}.example.com-cert.pem"), certPath);
        using X509Certificate2 cert = X509Certificate2.CreateFromPem(File.ReadAllText(certPath));
        Assert.Contains($"CN=User1@{org}.example.com", cert.Subject, StringComparison.Ordinal);
        using ECDsa key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(keyPath));
        using ECDsa certKey = cert.GetECDsaPublicKey()!;
        Assert.Equal(certKey.ExportSubjectPublicKeyInfo(), key.ExportSubjectPublicKeyInfo());

        Assert.Equal($"grpc://{Run.Component($"peer0.{org}").Address}", profile["peers"]?[peerName]?["url"]?.GetValue<string>());
        Assert.Equal(peerName, profile["peers"]?[peerName]?["grpcOptions"]?["ssl-target-name-override"]?.GetValue<string>());
        Assert.Equal($"grpc://{Run.Component("orderer0").Address}", profile["orderers"]?["orderer0.example.com"]?["url"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("Org1", "org1")]
    [InlineData("Org2", "org2")]
    public void Env_file_sets_fabrics_peer_variables_for_the_orgs_admin(string orgName, string org)
    {
        NetworkOrg expected = Run.Orgs[orgName];
        Dictionary<string, string> vars = File.ReadAllLines(expected.EnvFile)
            .Where(l => l.StartsWith("export ", StringComparison.Ordinal))
            .Select(l => l["export ".Length..].Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1]);

        Assert.Equal(expected.MspId, vars["CORE_PEER_LOCALMSPID"]);
        Assert.Equal(Run.Component($"peer0.{org}").Address, vars["CORE_PEER_ADDRESS"]);
        Assert.Equal(expected.AdminMsp, vars["CORE_PEER_MSPCONFIGPATH"]);
        Assert.True(File.Exists(Path.Combine(expected.AdminMsp, "keystore", "priv_sk")), $"no admin key under {expected.AdminMsp}");
    }

    [Fact]
    public async Task Up_on_the_running_network_says_it_runs_and_exits_zero_without_restarting_anything()
    {
        IReadOnlyList<int> before = UpNetworkFixture.RecordedPids(Run.Path);

        ScriptResult again = await FabricishScript.RunAsync(UpNetworkFixture.UpTimeout, "up", "--run-dir", Run.Path, "--base-port", "auto");

        Assert.True(again.Succeeded, again.ToString());
        Assert.Contains("is already running", again.Output, StringComparison.Ordinal);
        Assert.Equal(before.Order(), UpNetworkFixture.RecordedPids(Run.Path).Order());
    }

    [Theory]
    [InlineData("kafka0")]
    [InlineData("kafka1")]
    [InlineData("kafka2")]
    public void Kafka_brokers_keep_the_channels_leader_where_it_is_when_a_broker_returns(string broker)
    {
        string[] properties = File.ReadAllLines(Path.Combine(Run.Path, "config", broker + ".properties"));

        Assert.Contains("auto.leader.rebalance.enable=false", properties);
        Assert.Contains("unclean.leader.election.enable=false", properties);
        Assert.Contains("min.insync.replicas=2", properties);
    }

    [Fact]
    public async Task Status_lists_every_component_running_with_its_address_pid_and_log()
    {
        ScriptResult status = await FabricishScript.RunAsync(CliTimeout, "status", "--run-dir", Run.Path);

        Assert.True(status.Succeeded, status.ToString());
        // Read again: another test of the collection may have restarted a component (new pid) since up.
        RunFolder now = RunFolder.Load(Run.Path);
        Assert.Equal(11, now.Components.Count);
        foreach (NetworkComponent component in now.Components)
        {
            Assert.True(ProcessTable.IsRunning(component.Pid), $"{component.Name} (pid {component.Pid}) does not run");
            string line = status.Output.Split('\n').Single(l => l.StartsWith(component.Name + " ", StringComparison.Ordinal));
            Assert.Contains(component.Address, line, StringComparison.Ordinal);
            Assert.Contains(component.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), line, StringComparison.Ordinal);
            Assert.Contains(component.Log, line, StringComparison.Ordinal);
            Assert.Equal(Path.Combine(Run.Path, "logs", component.Name + ".log"), component.Log);
            Assert.True(new FileInfo(component.Log).Length > 0, $"{component.Log} is empty");
        }
    }
}
