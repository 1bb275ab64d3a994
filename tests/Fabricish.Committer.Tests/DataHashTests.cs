using Fabricish.Channels.Blocks;
using Fabricish.Committer.Tests.Support;
using Fabricish.Protos.Common;
using Fabricish.Testing;
using Fabricish.Testing.Transactions;
using Google.Protobuf;

namespace Fabricish.Committer.Tests;

/// <summary>The committer hashes a block's data once and hands that hash to the block verifier and the block store,
/// which compare the header with it instead of hashing the data again: a block whose data does not match its header
/// must still be refused before anything of it is judged or stored.</summary>
public sealed class DataHashTests
{
    private static TestNetwork Net => TestNetwork.Shared;

    [Fact]
    public async Task A_block_whose_data_was_changed_after_its_header_was_made_is_refused_before_verification_and_storage()
    {
        var chain = TestNetwork.Shared.NewChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain);
        Block one = chain.Cut(new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "1").Build()).Build());
        Block tampered = one.Clone();
        tampered.Data.Data.Add(new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "smuggled").Build()).Build().ToByteString());
        int callsBefore = peer.Verifier.Calls;

        BlockCommitResult result = await peer.CommitAsync(tampered);

        Assert.Equal(BlockCommitStatus.Refused, result.Status);
        Assert.Contains("data hash", result.Reason, StringComparison.Ordinal);
        Assert.Equal(callsBefore, peer.Verifier.Calls);
        Assert.Equal(1UL, peer.Blocks.Height);
        Assert.Equal(BlockCommitStatus.Committed, (await peer.CommitAsync(one.Clone())).Status);
        Assert.Equal("1", await StateDump.ValueAsync(peer.State, "a"));
    }

    [Fact]
    public async Task The_block_verifier_is_given_the_hash_of_the_blocks_data()
    {
        var chain = TestNetwork.Shared.NewChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain);
        Block one = chain.Cut(new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "1").Build()).Build());

        Assert.Equal(BlockCommitStatus.Committed, (await peer.CommitAsync(one.Clone())).Status);

        Assert.Equal(BlockHashing.DataHash(one.Data), peer.Verifier.LastDataHash);
        Assert.Equal(one.Header.DataHash.ToByteArray(), peer.Verifier.LastDataHash);
    }
}
