using System.Text.Json;
using Fabricish.Ledger.State;
using Fabricish.Protos.Peer;

namespace Fabricish.Endorser.Tests;

/// <summary>The endorser's simulations holding the channel's commit lock for reading, as Fabric's simulators hold
/// commitRWLock.</summary>
public sealed class EndorserCommitLockTests : IAsyncLifetime
{
    // Only a guard against a hang, never a measurement.
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(30);

    private readonly StateCommitLock _commitLock = new();
    private readonly EndorsingPeer _peer;

    public EndorserCommitLockTests() => _peer = new EndorsingPeer(_commitLock);

    public Task InitializeAsync() => _peer.DeployAsync("basic", EndorsingPeer.AssetTransfer());

    public Task DisposeAsync() => _peer.DisposeAsync().AsTask();

    [Fact]
    public async Task A_proposal_made_while_a_block_is_committing_waits_and_reads_that_block()
    {
        ProposalResponse created = await _peer.ProposeAsync("basic", "CreateAsset", "asset1", "blue", "5", "tom", "300");
        Assert.True(created.Response.Status == 200, created.Response.Message);
        StateCommitLockHandle commit = await _commitLock.EnterWriteAsync();

        Task<ProposalResponse> read = _peer.ProposeAsync("basic", "ReadAsset", "asset1");
        Assert.Equal(1, _commitLock.WaitingReaders);
        await _peer.CommitAsync(created, block: 1);
        Assert.False(read.IsCompleted);
        commit.Dispose();

        ProposalResponse response = await read.WaitAsync(Hang);
        Assert.True(response.Response.Status == 200, response.Response.Message);
        using JsonDocument asset = JsonDocument.Parse(response.Response.Payload.ToStringUtf8());
        Assert.Equal("tom", asset.RootElement.GetProperty("Owner").GetString());
    }

    [Fact]
    public async Task Every_proposal_releases_the_commit_lock_whether_endorsed_or_failed()
    {
        ProposalResponse endorsed = await _peer.ProposeAsync("basic", "CreateAsset", "asset1", "blue", "5", "tom", "300");
        ProposalResponse failed = await _peer.ProposeAsync("basic", "ReadAsset", "ghost");

        Assert.Equal(200, endorsed.Response.Status);
        Assert.Equal(500, failed.Response.Status);
        Assert.Equal(0, _commitLock.ActiveReaders);
        Assert.True(_commitLock.EnterWriteAsync().IsCompletedSuccessfully);
    }
}
