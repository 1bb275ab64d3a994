using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Fabricish.Testing.Infra;

/// <summary>A standalone ZooKeeper 3.4.6 on a free port, as Kafka 0.9 needs it.</summary>
public sealed partial class ZooKeeperServer : IAsyncDisposable
{
    private readonly SupervisedProcess _process;

    private ZooKeeperServer(int port, SupervisedProcess process)
    {
        Port = port;
        _process = process;
    }

    public int Port { get; }

    public string ConnectString => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    internal SupervisedProcess Process => _process;

    public static async Task<ZooKeeperServer> StartAsync(string scratch, int port)
    {
        string data = Directory.CreateDirectory(Path.Combine(scratch, "zookeeper")).FullName;
        string cfg = Path.Combine(scratch, "zoo.cfg");
        // tickTime 500 allows broker sessions as short as 1 s, so a killed broker is noticed in seconds.
        File.WriteAllText(cfg, string.Create(CultureInfo.InvariantCulture, $"""
            dataDir={data}
            clientPort={port}
            clientPortAddress=127.0.0.1
            tickTime=500
            maxClientCnxns=0
            autopurge.purgeInterval=0

            """));
        var process = SupervisedProcess.Start(
            "zookeeper",
            Path.Combine(scratch, "zookeeper.log"),
            "java",
            JavaCommand.Args(scratch, 96, "org.apache.zookeeper.server.quorum.QuorumPeerMain", cfg));
        var zk = new ZooKeeperServer(port, process);
        try
        {
            await Readiness.WaitAsync(
                "ZooKeeper to answer ruok",
                async () => await zk.FourLetterWordAsync("ruok") == "imok",
                TimeSpan.FromSeconds(60),
                process);
        }
        catch
        {
            process.Dispose();
            throw;
        }

        return zk;
    }

    /// <summary>Sends one of ZooKeeper's four-letter admin words (ruok, dump, stat...) and returns the reply.</summary>
    public async Task<string> FourLetterWordAsync(string word)
    {
        using var client = new TcpClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await client.ConnectAsync("127.0.0.1", Port, cts.Token);
        NetworkStream stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(word), cts.Token);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync(cts.Token);
    }

    /// <summary>Ids of the brokers whose ephemeral registration node exists: the brokers ZooKeeper believes alive.</summary>
    public async Task<IReadOnlySet<int>> RegisteredBrokerIdsAsync()
    {
        string dump = await FourLetterWordAsync("dump");
        return BrokerNode().Matches(dump).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToHashSet();
    }

    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }

    [GeneratedRegex(@"^\s*/brokers/ids/(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex BrokerNode();
}
