namespace Fabricish.Client.Tests;

/// <summary>Checkpointers record where an event stream resumes: the next block after a whole block, or the same block
/// after the last processed transaction.</summary>
public sealed class CheckpointerTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "fx-client-ckpt-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task In_memory_checkpointer_resumes_after_a_transaction_or_at_the_block_after_a_whole_block()
    {
        var checkpointer = new InMemoryCheckpointer();
        Assert.Null(checkpointer.BlockNumber);

        await checkpointer.CheckpointChaincodeEventAsync(new ChaincodeEvent(5, "tx1", "basic", "Created", []));
        Assert.Equal((5UL, "tx1"), (checkpointer.BlockNumber!.Value, checkpointer.TransactionId));

        await checkpointer.CheckpointBlockAsync(5);
        Assert.Equal(6UL, checkpointer.BlockNumber);
        Assert.Null(checkpointer.TransactionId);
    }

    [Fact]
    public async Task File_checkpointer_persists_each_checkpoint_and_a_new_instance_resumes_from_it()
    {
        string path = Path.Combine(_dir, "checkpoint.json");
        FileCheckpointer first = await FileCheckpointer.CreateAsync(path);
        Assert.True(File.Exists(path));
        Assert.Null(first.BlockNumber);

        await first.CheckpointTransactionAsync(12, "txA");
        FileCheckpointer second = await FileCheckpointer.CreateAsync(path);
        Assert.Equal((12UL, "txA"), (second.BlockNumber!.Value, second.TransactionId));
        Assert.Equal("{\"blockNumber\":\"12\",\"transactionId\":\"txA\"}", await File.ReadAllTextAsync(path));

        await second.CheckpointBlockAsync(12);
        FileCheckpointer third = await FileCheckpointer.CreateAsync(path);
        Assert.Equal(13UL, third.BlockNumber);
        Assert.Null(third.TransactionId);
    }

    [Fact]
    public async Task File_checkpointer_reads_the_numeric_block_number_the_Go_client_writes()
    {
        string path = Path.Combine(_dir, "go.json");
        await File.WriteAllTextAsync(path, "{\"blockNumber\":42,\"transactionId\":\"txB\"}");

        FileCheckpointer checkpointer = await FileCheckpointer.CreateAsync(path);

        Assert.Equal((42UL, "txB"), (checkpointer.BlockNumber!.Value, checkpointer.TransactionId));
    }

    [Fact]
    public async Task File_checkpointer_refuses_a_file_that_is_not_a_checkpoint_naming_it()
    {
        string path = Path.Combine(_dir, "bad.json");
        await File.WriteAllTextAsync(path, "{\"blockNumber\":\"twelve\"}");

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => FileCheckpointer.CreateAsync(path));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }
}
