using System.Text.RegularExpressions;

namespace Fabricish.Network.Tests.Compose;

/// <summary>compose/ describes the same topology as <c>./fabricish up</c> for real hosts; no engine runs here, so the
/// files are validated with <c>docker-compose config</c> and the images' build inputs are checked to exist.</summary>
public sealed partial class ComposeFilesTests
{
    private static readonly string[] Services =
    [
        "kafka0", "kafka1", "kafka2", "orderer0.example.com", "orderer1.example.com", "couchdb0", "couchdb1",
        "peer0.org1.example.com", "peer0.org2.example.com", "chaincode", "cli",
    ];

    [Fact]
    public async Task Docker_compose_config_accepts_the_files_and_resolves_every_service()
    {
        (int quietCode, string quietOutput) = await DockerCompose.RunAsync(DockerCompose.ComposeDir, "config", "-q");
        Assert.True(quietCode == 0, quietOutput);

        (int code, string resolved) = await DockerCompose.RunAsync(DockerCompose.ComposeDir, "config", "--services");
        Assert.True(code == 0, resolved);
        Assert.Equal(Services.Order(StringComparer.Ordinal), resolved.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Kafka_runs_in_KRaft_mode_with_three_voters_and_each_peer_has_its_own_CouchDB_3()
    {
        (int code, string config) = await DockerCompose.RunAsync(DockerCompose.ComposeDir, "config");
        Assert.True(code == 0, config);

        Assert.Equal(3, Regex.Matches(config, @"image: apache/kafka:\S+").Count);
        Assert.Equal(3, Regex.Matches(config, "KAFKA_PROCESS_ROLES: broker,controller").Count);
        Assert.Equal(3, Regex.Matches(config, "KAFKA_CONTROLLER_QUORUM_VOTERS: 1@kafka0:9093,2@kafka1:9093,3@kafka2:9093").Count);
        Assert.Equal(3, Regex.Matches(config, "KAFKA_AUTO_LEADER_REBALANCE_ENABLE: \"false\"").Count);
        Assert.DoesNotContain("zookeeper", config, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, Regex.Matches(config, @"image: couchdb:3(\.\S+)?\n").Count);
        Assert.Contains("FABRICISH_Peer__CouchDbAddress: http://couchdb0:5984/", config, StringComparison.Ordinal);
        Assert.Contains("FABRICISH_Peer__CouchDbAddress: http://couchdb1:5984/", config, StringComparison.Ordinal);
        foreach (string ledger in new[] { "orderer0-data:/var/fabricish/orderer", "orderer1-data:/var/fabricish/orderer", "peer0.org1-data:/var/fabricish/peer", "peer0.org2-data:/var/fabricish/peer", "couchdb0-data:/opt/couchdb/data", "kafka0-data:/var/lib/kafka/data" })
        {
            Assert.Contains(ledger.Split(':')[0], config, StringComparison.Ordinal);
        }
    }

    /// <summary>The participation API can delete ledgers: each orderer's admin listener is mutual TLS whatever
    /// TLS_ENABLED says, trusting the orderer org's TLS CA for clients, and the cli container joins with that org
    /// Admin's TLS pair.</summary>
    [Fact]
    public async Task Orderer_admin_endpoints_require_the_orderer_orgs_client_certificates_and_the_cli_presents_its_admins()
    {
        (int code, string config) = await DockerCompose.RunAsync(DockerCompose.ComposeDir, "config");
        Assert.True(code == 0, config);
        string deploy = File.ReadAllText(Path.Combine(DockerCompose.ComposeDir, "scripts", "deploy.sh"));

        Assert.Equal(2, Regex.Matches(config, @"FABRICISH_Orderer__Admin__Tls__Enabled: ['""]?true").Count);
        Assert.Equal(2, Regex.Matches(config, @"FABRICISH_Orderer__Admin__Tls__ClientAuthRequired: ['""]?true").Count);
        Assert.Equal(2, Regex.Matches(config, "FABRICISH_Orderer__Admin__Tls__ClientRootCAs: /etc/fabricish/tls/ca.crt").Count);
        const string orderers = "/etc/fabricish/organizations/ordererOrganizations/example.com";
        Assert.Contains($"ORDERER_CA: {orderers}/tlsca/tlsca.example.com-cert.pem", config, StringComparison.Ordinal);
        Assert.Contains($"ORDERER_ADMIN_TLS_SIGN_CERT: {orderers}/users/Admin@example.com/tls/client.crt", config, StringComparison.Ordinal);
        Assert.Contains($"ORDERER_ADMIN_TLS_PRIVATE_KEY: {orderers}/users/Admin@example.com/tls/client.key", config, StringComparison.Ordinal);
        Assert.Contains("--client-cert \"$ORDERER_ADMIN_TLS_SIGN_CERT\"", deploy, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(deploy, @"fabricish orderer (list|join) .*""\$\{ADMIN_TLS\[@\]\}""").Count);
    }

    /// <summary>The documented example of a peer on the embedded state database: Org2's peer switched to it, its CouchDB
    /// container left out unless its profile is asked for, and no peer depending on a CouchDB container to start.</summary>
    [Fact]
    public async Task The_embedded_state_overlay_runs_Org2s_peer_on_the_embedded_store_and_starts_no_CouchDB_for_it()
    {
        (int code, string config) = await DockerCompose.RunAsync(
            DockerCompose.ComposeDir, "-f", "docker-compose.yaml", "-f", "docker-compose.embedded-state.yaml", "config");
        Assert.True(code == 0, config);

        string org2 = Service(config, "peer0.org2.example.com");
        Assert.Contains("FABRICISH_Peer__StateDatabase: Embedded", org2, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"depends_on:\n(      .*\n)*      couchdb", org2);
        Assert.Contains("profiles:\n    - couchdb-org2\n", Service(config, "couchdb1"), StringComparison.Ordinal);
        Assert.DoesNotContain("StateDatabase", Service(config, "peer0.org1.example.com"), StringComparison.Ordinal);
    }

    private static string Service(string config, string name) =>
        Regex.Match(config, $@"(?ms)^  {Regex.Escape(name)}:\n.*?(?=^  \S|\z)").Value;

    [Fact]
    public async Task Docker_compose_config_rejects_a_service_with_an_unknown_setting()
    {
        using var scratch = new Testing.Infra.ScratchDirectory("compose");
        string broken = File.ReadAllText(Path.Combine(DockerCompose.ComposeDir, "docker-compose.yaml"))
            .Replace("  chaincode:\n", "  chaincode:\n    no_such_setting: true\n", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(scratch.FullPath, "docker-compose.yaml"), broken);
        File.Copy(Path.Combine(DockerCompose.ComposeDir, ".env"), Path.Combine(scratch.FullPath, ".env"));

        (int code, string output) = await DockerCompose.RunAsync(scratch.FullPath, "config", "-q");

        Assert.NotEqual(0, code);
        Assert.Contains("no_such_setting", output, StringComparison.Ordinal);
    }

    /// <summary>Each image builds from the repository root in two stages: the .NET 10 SDK publishes an existing
    /// project, the ASP.NET Core or .NET runtime image runs it.</summary>
    [Theory]
    [InlineData("orderer", "aspnet")]
    [InlineData("peer", "aspnet")]
    [InlineData("chaincode", "aspnet")]
    [InlineData("cli", "runtime")]
    public void Dockerfile_publishes_an_existing_project_with_the_sdk_and_runs_it_on_the_runtime_image(string image, string runtime)
    {
        string dockerfile = File.ReadAllText(Path.Combine(DockerCompose.ComposeDir, image, "Dockerfile"));
        string[] from = [.. FromLine().Matches(dockerfile).Select(m => m.Groups[1].Value)];

        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0", $"mcr.microsoft.com/dotnet/{runtime}:10.0"], from);
        Match publish = PublishLine().Match(dockerfile);
        Assert.True(publish.Success, $"compose/{image}/Dockerfile does not dotnet publish a project");
        Assert.True(File.Exists(Path.Combine(Testing.RepoPaths.Root, publish.Groups[1].Value)), $"compose/{image}/Dockerfile publishes {publish.Groups[1].Value}, which does not exist");
        Assert.True(File.Exists(Path.Combine(DockerCompose.ComposeDir, image, "Dockerfile.dockerignore")), $"compose/{image} has no Dockerfile.dockerignore");
    }

    [GeneratedRegex(@"^FROM (\S+)", RegexOptions.Multiline)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"dotnet publish (\S+\.csproj)")]
    private static partial Regex PublishLine();
}
