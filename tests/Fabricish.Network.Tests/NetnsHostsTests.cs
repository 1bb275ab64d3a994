using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fabricish.Network.Tests.Up;
using Fabricish.Testing;

namespace Fabricish.Network.Tests;

/// <summary><c>./fabricish up --hosts netns</c> runs every host (kafka, orderers, org1, org2, chaincode) in its own
/// network namespace on a bridge, and <c>./fabricish net partition|heal|latency|show</c> injects faults between them
/// for the chaos suite. One netns network serves every assertion (starting it costs most of the time); it is in the
/// shared network collection so it never competes for the two cores with the loopback network's tests, and that
/// network is where <c>net</c> is refused.</summary>
[Collection(UpNetworkCollection.Name)]
public sealed class NetnsHostsTests(UpNetworkFixture network)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private static readonly string[] Hosts = ["kafka", "orderers", "org1", "org2", "chaincode"];

    [Fact]
    public async Task Net_on_a_loopback_network_is_refused_naming_hosts_netns()
    {
        ScriptResult show = await FabricishScript.RunAsync(Timeout, "net", "show", "--run-dir", network.RunDir);

        Assert.False(show.Succeeded, show.ToString());
        Assert.Contains("runs on loopback", show.Output, StringComparison.Ordinal);
        Assert.Contains("--hosts netns", show.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Netns_network_commits_in_namespaces_partitions_delays_and_down_removes_every_trace()
    {
        string run = Path.Combine(Path.GetTempPath(), "fabricish-netns", string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}-{Guid.NewGuid():N}"));
        var pids = new HashSet<int>();
        string id = "";
        try
        {
            ScriptResult up = await FabricishScript.RunAsync(UpNetworkFixture.UpTimeout, "up", "--hosts", "netns", "--run-dir", run, "--base-port", "auto");
            foreach (int pid in UpNetworkFixture.RecordedPids(run))
            {
                pids.Add(pid);
            }

            id = EnvSetting(run, "NET_NETNS_ID");
            Assert.True(up.Succeeded, up.ToString());
            Assert.Contains("validation code: VALID", up.Output, StringComparison.Ordinal);
            Assert.Equal("netns", EnvSetting(run, "NET_HOSTS"));

            // Every component runs in the namespace network.json names, which is its host's, at that host's address.
            JsonNode json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(run, "network.json")))!;
            string subnet = EnvSetting(run, "NET_SUBNET");
            Assert.Matches(@"^10\.\d+\.\d+$", subnet);
            foreach (JsonNode? c in json["components"]!.AsArray())
            {
                string name = c!["name"]!.GetValue<string>();
                string ns = c["host"]!.GetValue<string>();
                int pid = c["pid"]!.GetValue<int>();
                string host = HostOf(name);
                Assert.Equal($"fx{id}-{host}", ns);
                Assert.StartsWith(Ip(subnet, host) + ":", c["address"]!.GetValue<string>(), StringComparison.Ordinal);
                ScriptResult same = await Bash($"[[ $(readlink /proc/{pid}/ns/net) == net:\\[$(stat -L -c %i /run/netns/{ns})\\] ]]");
                Assert.True(same.Succeeded, $"{name} (pid {pid}) does not run in namespace {ns}: {same}");
            }

            // A partition drops org2 <-> orderers silently (a connect hangs), and nothing else; the processes live on.
            await Net(run, "partition", "org2", "orderers");
            Assert.Equal(124, (await Bash($"ip netns exec fx{id}-org2 timeout 3 bash -c 'exec 3<>/dev/tcp/{Ip(subnet, "orderers")}/7050'")).ExitCode);
            Assert.Equal(124, (await Bash($"ip netns exec fx{id}-orderers timeout 3 bash -c 'exec 3<>/dev/tcp/{Ip(subnet, "org2")}/9051'")).ExitCode);
            Assert.True((await Bash($"ip netns exec fx{id}-org2 timeout 3 bash -c 'exec 3<>/dev/tcp/{Ip(subnet, "org1")}/7051'")).Succeeded, "org2 -> org1 blocked by the partition");
            Assert.True(await ConnectMsAsync(Ip(subnet, "org2"), 9051) < 1000, "client -> org2 blocked by the partition");
            Assert.True(await ConnectMsAsync(Ip(subnet, "orderers"), 7050) < 1000, "client -> orderers blocked by the partition");
            Assert.All(pids, pid => Assert.True(ProcessTable.IsRunning(pid), $"pid {pid} exited under the partition"));
            string partitioned = (await Net(run, "show")).Output;
            Assert.Contains("partition: org2 <-> orderers", partitioned, StringComparison.Ordinal);
            Assert.Contains("rtt org2->orderers: timeout", partitioned, StringComparison.Ordinal);
            Assert.InRange(Rtt(partitioned, "org1->orderers"), 0, 30);
            await Net(run, "heal");
            Assert.True((await Bash($"ip netns exec fx{id}-org2 timeout 3 bash -c 'exec 3<>/dev/tcp/{Ip(subnet, "orderers")}/7050'")).Succeeded, "org2 -> orderers still blocked after heal");

            // 50 +- 10 ms one way between organizations: a TCP connect org1 -> orderers takes ~100 ms; none towards the
            // client or inside the orderer org; a transaction still commits through the delayers.
            await Net(run, "latency", "50", "10");
            string show = (await Net(run, "show")).Output;
            Assert.Contains("latency: 50 ms +- 10 ms", show, StringComparison.Ordinal);
            double interOrg = Rtt(show, "org1->orderers");
            Assert.InRange(interOrg, 70, 250);
            Assert.InRange(Rtt(show, "org1->client"), 0, 30);
            Assert.InRange(await ConnectMsAsync(Ip(subnet, "org1"), 7051), 0, 30);
            ScriptResult kafka = await Bash($"ip netns exec fx{id}-orderers bash -c 't0=${{EPOCHREALTIME//[!0-9]/}}; exec 3<>/dev/tcp/{Ip(subnet, "kafka")}/9092; echo $(( (${{EPOCHREALTIME//[!0-9]/}} - t0) / 1000 ))'");
            Assert.True(kafka.Succeeded, kafka.ToString());
            Assert.InRange(int.Parse(kafka.Output.Trim(), CultureInfo.InvariantCulture), 0, 30);
            ScriptResult invoke = await FabricishScript.RunAsync(Timeout, "cli", "chaincode", "invoke", "--connection-profile", Path.Combine(run, "connection-org1.json"),
                "-C", "mychannel", "-n", "basic", "-c", "{\"function\":\"CreateAsset\",\"Args\":[\"netns-asset\",\"red\",\"3\",\"Ana\",\"500\"]}");
            Assert.True(invoke.Succeeded, invoke.ToString());
            Assert.Contains("validation code: VALID", invoke.Output, StringComparison.Ordinal);

            await Net(run, "latency", "off");
            Assert.InRange(Rtt((await Net(run, "show")).Output, "org1->orderers"), 0, 30);

            // down with faults in place must clear them: delayers, namespaces, veths and bridge go with the processes.
            await Net(run, "latency", "20", "5");
            await Net(run, "partition", "org1", "chaincode");
            foreach (string file in Directory.EnumerateFiles(Path.Combine(run, "netfault"), "netdelay-*.pid"))
            {
                pids.Add(int.Parse((await File.ReadAllTextAsync(file)).Split(' ')[0], CultureInfo.InvariantCulture));
            }

            Assert.Equal(Hosts.Length, Directory.EnumerateFiles(Path.Combine(run, "netfault"), "netdelay-*.pid").Count());
        }
        finally
        {
            ScriptResult down = await FabricishScript.RunAsync(UpNetworkFixture.DownTimeout, "down", "--run-dir", run, "--clean");
            Assert.True(down.Succeeded, down.ToString());
        }

        int[] alive = [.. pids.Where(ProcessTable.IsRunning)];
        Assert.True(alive.Length == 0, $"down left processes running: {string.Join(", ", alive)}");
        ScriptResult left = await Bash($"ip netns list; ip -o link show");
        Assert.True(left.Succeeded, left.ToString());
        Assert.DoesNotContain($"fx{id}", left.Output, StringComparison.Ordinal);
        Assert.DoesNotContain($"fxb{id}", left.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(run, "network.env")), "down --clean left network.env");
        Assert.False(Directory.Exists(Path.Combine(run, "netfault")), "down --clean left the fault state");
    }

    private static string HostOf(string component) => component switch
    {
        "zookeeper" or "kafka0" or "kafka1" or "kafka2" => "kafka",
        "orderer0" or "orderer1" => "orderers",
        "peer0.org1" or "couchdb0" => "org1",
        "peer0.org2" or "couchdb1" => "org2",
        "chaincode-basic" => "chaincode",
        _ => throw new InvalidOperationException($"no host for {component}"),
    };

    private static string Ip(string subnet, string host) => subnet + "." + (Array.IndexOf(Hosts, host) + 2).ToString(CultureInfo.InvariantCulture);

    private static string EnvSetting(string run, string key)
    {
        string file = Path.Combine(run, "network.env");
        string? line = File.Exists(file) ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key + "=", StringComparison.Ordinal)) : null;
        return line?[(key.Length + 1)..] ?? "";
    }

    /// <summary>"rtt NAME: X ms" of net show.</summary>
    private static double Rtt(string show, string name)
    {
        Match m = Regex.Match(show, "rtt " + Regex.Escape(name) + @": ([0-9.]+) ms");
        Assert.True(m.Success, $"net show has no round trip {name}:\n{show}");
        return double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static async Task<ScriptResult> Net(string run, params string[] args)
    {
        ScriptResult result = await FabricishScript.RunAsync(Timeout, ["net", .. args, "--run-dir", run]);
        Assert.True(result.Succeeded, result.ToString());
        return result;
    }

    private static Task<ScriptResult> Bash(string script) => ShellCommand.RunAsync(RepoPaths.Root, ["-c", script], script, Timeout);

    /// <summary>A TCP connect from the test (the root namespace, the client's place) in ms; 1 s means it hung.</summary>
    private static async Task<double> ConnectMsAsync(string ip, int port)
    {
        using var client = new TcpClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var watch = Stopwatch.StartNew();
        try
        {
            await client.ConnectAsync(ip, port, cts.Token);
        }
        catch (OperationCanceledException)
        {
            return 1000;
        }

        return watch.Elapsed.TotalMilliseconds;
    }
}
