using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Fabricish.Testing;
using Fabricish.Testing.Infra;
using Grpc.Net.Client;

namespace Fabricish.E2E.Tests.Network;

/// <summary>How the E2E networks start their processes in a scratch folder: the orderer on Kafka 0.9, a peer with its
/// pouchdb-server and the asset-transfer chaincode server it dials, and the sample channel profile rewritten for the
/// run's ports. Each program logs to <c>&lt;name&gt;.log</c> in its own folder.</summary>
internal static class NetworkNodes
{
    public const string Chaincode = "basic";

    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    public static string Loopback(int port) => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}");

    /// <summary>orderer0.example.com of the crypto material under <paramref name="crypto"/>, joined to no channel; its
    /// admin listener is mutual TLS with the org's cryptogen material (<see cref="OrdererAdminTls.FromCryptogen"/>).</summary>
    public static NodeProcess StartOrderer(ScratchDirectory scratch, string crypto, string address, string adminAddress, string kafkaBrokers)
    {
        string dir = scratch.Sub("orderer");
        return NodeProcess.Start("orderer", dir, "fabricish-orderer.dll",
        [
            "--listen", address,
            "--admin-listen", adminAddress,
            "--data-dir", Path.Combine(dir, "data"),
            "--msp-dir", SampleCrypto.OrdererMsp(crypto),
            "--msp-id", "OrdererMSP",
            "--kafka-brokers", kafkaBrokers,
            "--kafka-protocol", "Legacy09",
            .. AdminTls(crypto).Arguments,
        ], new Dictionary<string, string>());
    }

    /// <summary>The orderer's admin listener material in <paramref name="crypto"/>; holds no CA to dispose.</summary>
    public static OrdererAdminTls AdminTls(string crypto) => OrdererAdminTls.FromCryptogen(crypto);

    /// <summary>An asset-transfer chaincode server on <paramref name="port"/>, registered as <paramref name="packageId"/>
    /// (the peers' configured <c>basic_1.0</c> unless a lifecycle install gave another).</summary>
    public static NodeProcess StartChaincode(ScratchDirectory scratch, string name, int port, string packageId) =>
        NodeProcess.Start(name, scratch.Sub(name), "Fabricish.Samples.AssetTransfer.dll", [], new Dictionary<string, string>
        {
            ["CHAINCODE_SERVER_ADDRESS"] = Loopback(port),
            ["CHAINCODE_ID"] = packageId,
        });

    /// <summary>Waits until <paramref name="process"/> accepts TCP connections on <paramref name="port"/>.</summary>
    public static Task WaitUntilListeningAsync(NodeProcess process, int port, TimeSpan timeout) =>
        process.WaitUntilAsync($"{process.Name} to listen on port {port}", async () =>
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, timeout);

    /// <summary>Starts <paramref name="peer"/>'s process (its chaincodes come through the lifecycle);
    /// <paramref name="settings"/> adds to its environment.</summary>
    public static void StartPeer(ScratchDirectory scratch, PeerNode peer, string ordererAddress, IReadOnlyDictionary<string, string>? settings = null)
    {
        string dir = scratch.Sub("peer-" + peer.MspId);
        var environment = new Dictionary<string, string>
        {
            ["FABRICISH_Peer__DeliverRetryMaxDelay"] = "00:00:01",
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__Console__IncludeScopes"] = "false",
        };
        foreach ((string name, string value) in peer.CouchDb.PeerEnvironment.Concat(settings ?? new Dictionary<string, string>()))
        {
            environment[name] = value;
        }

        peer.Started(NodeProcess.Start("peer-" + peer.MspId, dir, "fabricish-peer.dll",
        [
            "--listen", Loopback(peer.GrpcPort),
            "--operations-listen", Loopback(peer.OperationsPort),
            "--data-dir", Path.Combine(dir, "data"),
            "--msp-dir", peer.MspDir,
            "--msp-id", peer.MspId,
            "--orderers", ordererAddress,
        ], environment));
    }

    /// <summary>Waits until <paramref name="peer"/> answers on its admin API.</summary>
    public static Task WaitForAdminApiAsync(PeerNode peer) =>
        peer.Process.WaitUntilAsync("the peer's admin API", async () => (await peer.Operations.GetAsync("/peer/v1/channels")).IsSuccessStatusCode, StartTimeout);

    /// <summary>Waits until <paramref name="peer"/> reports <paramref name="channelId"/> active after a join.</summary>
    public static Task WaitForChannelActiveAsync(PeerNode peer, string channelId) =>
        peer.Process.WaitUntilAsync($"{peer.MspId} peer's channel to be active", async () =>
        {
            using HttpResponseMessage info = await peer.Operations.GetAsync($"/peer/v1/channels/{channelId}");
            return info.IsSuccessStatusCode && JsonNode.Parse(await info.Content.ReadAsStringAsync())?["status"]?.GetValue<string>() == "active";
        }, StartTimeout);

    /// <summary>samples/network/channel.yaml with this run's orderer endpoint and Kafka brokers and a short batch
    /// timeout, written into <paramref name="directory"/>.</summary>
    /// <returns>The written file.</returns>
    public static string ChannelYaml(string directory, string ordererAddress, string kafkaBrokers)
    {
        string yaml = File.ReadAllText(SampleCrypto.ChannelYaml)
            .Replace("orderer0.example.com:7050", ordererAddress, StringComparison.Ordinal)
            .Replace("- 127.0.0.1:9092", string.Join("\n      ", kafkaBrokers.Split(',').Select(b => "- " + b)), StringComparison.Ordinal)
            .Replace("BatchTimeout: 2s", "BatchTimeout: 200ms", StringComparison.Ordinal);
        string path = Path.Combine(directory, "channel.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>Stops what a network started, in the order that keeps the survivors quiet: peers (and their state
    /// databases) and chaincode servers before the orderer they deliver from, Kafka last.</summary>
    public static async Task StopAsync(
        IEnumerable<PeerNode> peers, IEnumerable<NodeProcess> chaincodes, GrpcChannel? ordererGrpc, NodeProcess? orderer, KafkaCluster? kafka)
    {
        foreach (PeerNode peer in peers)
        {
            await peer.DisposeAsync();
        }

        foreach (NodeProcess chaincode in chaincodes)
        {
            await chaincode.DisposeAsync();
        }

        ordererGrpc?.Dispose();
        if (orderer is not null)
        {
            await orderer.DisposeAsync();
        }

        if (kafka is not null)
        {
            await kafka.DisposeAsync();
        }
    }

    /// <summary>Copies the nodes' logs to the folder FABRICISH_E2E_LOGS names, if set, before the scratch folder goes.</summary>
    public static void KeepLogs(ScratchDirectory scratch, string prefix)
    {
        string? target = Environment.GetEnvironmentVariable("FABRICISH_E2E_LOGS");
        if (string.IsNullOrEmpty(target))
        {
            return;
        }

        Directory.CreateDirectory(target);
        foreach (string log in Directory.EnumerateFiles(scratch.FullPath, "*.log", SearchOption.AllDirectories))
        {
            File.Copy(log, Path.Combine(target, prefix + Path.GetFileName(log)), overwrite: true);
        }
    }
}
