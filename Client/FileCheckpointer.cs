using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fabricish.Client;

/// <summary>A checkpointer persisted to a JSON file after every checkpoint, so an application resumes its event stream
/// after a restart (fabric-gateway's <c>checkpointers.file(path)</c>). The file holds
/// <c>{"blockNumber":"N","transactionId":"..."}</c> as the Node client writes it; a numeric block number, as the Go
/// client writes it, is read too.</summary>
public sealed class FileCheckpointer : ICheckpointer
{
    private readonly string _path;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ulong? _blockNumber;
    private string? _transactionId;

    private FileCheckpointer(string path) => _path = path;

    public ulong? BlockNumber => _blockNumber;

    public string? TransactionId => _transactionId;

    /// <summary>Opens the checkpoint file, loading its state if it exists and creating it otherwise; throws
    /// <see cref="InvalidDataException"/> naming the file when it holds something else.</summary>
    public static async Task<FileCheckpointer> CreateAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var checkpointer = new FileCheckpointer(Path.GetFullPath(path));
        await checkpointer.LoadAsync(cancellationToken).ConfigureAwait(false);
        await checkpointer.SaveAsync(cancellationToken).ConfigureAwait(false);
        return checkpointer;
    }

    public async Task CheckpointBlockAsync(ulong blockNumber, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _blockNumber = blockNumber + 1;
            _transactionId = null;
            await SaveAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task CheckpointTransactionAsync(ulong blockNumber, string transactionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(transactionId);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _blockNumber = blockNumber;
            _transactionId = transactionId;
            await SaveAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task CheckpointChaincodeEventAsync(ChaincodeEvent chaincodeEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chaincodeEvent);
        return CheckpointTransactionAsync(chaincodeEvent.BlockNumber, chaincodeEvent.TransactionId, cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(_path))
        {
            return;
        }

        string text = await File.ReadAllTextAsync(_path, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        try
        {
            if (JsonNode.Parse(text) is not JsonObject state)
            {
                throw new InvalidDataException($"checkpoint file '{_path}' does not hold a JSON object");
            }

            _blockNumber = state["blockNumber"] switch
            {
                null => null,
                JsonValue v when v.TryGetValue(out ulong n) => n,
                JsonValue v when v.TryGetValue(out string? s) && ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out ulong n) => n,
                _ => throw new InvalidDataException($"checkpoint file '{_path}' has a blockNumber that is not a block number"),
            };
            _transactionId = state["transactionId"]?.GetValue<string>();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"checkpoint file '{_path}' is not a checkpoint: {e.Message}", e);
        }
    }

    /// <summary>Writes a temporary file and renames it over the old one, so a crash leaves either state, never half.</summary>
    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        var state = new JsonObject();
        if (_blockNumber is { } block)
        {
            state["blockNumber"] = block.ToString(CultureInfo.InvariantCulture);
        }

        if (_transactionId is not null)
        {
            state["transactionId"] = _transactionId;
        }

        string temporary = _path + ".tmp";
        await File.WriteAllTextAsync(temporary, state.ToJsonString(), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, _path, overwrite: true);
    }
}
