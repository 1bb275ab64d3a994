using System.Globalization;
using Fabricish.Network.Tests.Up;

namespace Fabricish.Network.Tests;

/// <summary><c>./fabricish stop|start|restart NAME</c> act on one component of the running network, with the command
/// line up uses, and <c>up</c> on a partly running network starts only what is stopped; the others keep their
/// processes, and the network commits again afterwards.</summary>
[Collection(UpNetworkCollection.Name)]
public sealed class ComponentControlTests(UpNetworkFixture network)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Stop_then_up_starts_only_the_stopped_peer_and_restart_replaces_only_the_named_orderer()
    {
        string run = network.RunDir;
        Dictionary<string, int> before = Pids(run);

        ScriptResult stop = await FabricishScript.RunAsync(Timeout, "stop", "peer0.org2", "--run-dir", run);
        Assert.True(stop.Succeeded, stop.ToString());
        Assert.False(ProcessTable.IsRunning(before["peer0.org2"]), $"peer0.org2 (pid {before["peer0.org2"]}) still runs after stop");
        ScriptResult status = await FabricishScript.RunAsync(Timeout, "status", "--run-dir", run);
        Assert.False(status.Succeeded, "status exits non-zero while a component is stopped:\n" + status);
        Assert.Matches(@"peer0\.org2\s+\S+\s+stopped", status.Output);

        ScriptResult up = await FabricishScript.RunAsync(UpNetworkFixture.UpTimeout, "up", "--run-dir", run);
        Assert.True(up.Succeeded, up.ToString());
        Assert.Contains("partly running: starting peer0.org2", up.Output, StringComparison.Ordinal);
        Assert.Contains("validation code: VALID", up.Output, StringComparison.Ordinal);
        Dictionary<string, int> afterUp = Pids(run);
        Assert.NotEqual(before["peer0.org2"], afterUp["peer0.org2"]);
        AssertUnchangedBut(before, afterUp, "peer0.org2");

        ScriptResult restart = await FabricishScript.RunAsync(Timeout, "restart", "orderer1", "--run-dir", run);
        Assert.True(restart.Succeeded, restart.ToString());
        Dictionary<string, int> afterRestart = Pids(run);
        Assert.NotEqual(afterUp["orderer1"], afterRestart["orderer1"]);
        AssertUnchangedBut(afterUp, afterRestart, "orderer1");
        Assert.Equal(afterRestart["orderer1"], RunFolder.Load(run).Component("orderer1").Pid);

        ScriptResult again = await FabricishScript.RunAsync(Timeout, "start", "orderer1", "--run-dir", run);
        Assert.True(again.Succeeded, again.ToString());
        Assert.Contains("orderer1 already runs", again.Output, StringComparison.Ordinal);
        Assert.Equal(afterRestart, Pids(run));
    }

    [Theory]
    [InlineData("start", "peer9", "no component 'peer9' in the network; components: zookeeper kafka0")]
    [InlineData("stop", null, "name the component(s): zookeeper kafka0")]
    public async Task Start_or_stop_of_an_unknown_or_missing_name_is_refused_naming_the_components(string command, string? name, string message)
    {
        string[] args = name is null ? [command, "--run-dir", network.RunDir] : [command, name, "--run-dir", network.RunDir];

        ScriptResult result = await FabricishScript.RunAsync(Timeout, args);

        Assert.False(result.Succeeded, result.ToString());
        Assert.Contains(message, result.Output, StringComparison.Ordinal);
    }

    private static void AssertUnchangedBut(Dictionary<string, int> before, Dictionary<string, int> after, string changed)
    {
        foreach ((string name, int pid) in before)
        {
            if (name != changed)
            {
                Assert.True(after.TryGetValue(name, out int now) && now == pid, $"{name} was pid {pid}, now {(after.TryGetValue(name, out int p) ? p.ToString(CultureInfo.InvariantCulture) : "stopped")}");
            }
        }
    }

    /// <summary>The pid of each running component, from its pid file.</summary>
    private static Dictionary<string, int> Pids(string runDir) => UpNetworkFixture.RecordedPidsByComponent(runDir);
}
