using System.Collections.Concurrent;
using Fabricish.Endorser.Simulation;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MessageType = Fabricish.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Fabricish.Endorser.Chaincode;

/// <summary>Fabric's ChaincodeSupport for chaincode run as a service: one connection per chaincode endpoint,
/// opened on first use, over which transactions execute against a <see cref="TxSimulator"/>.</summary>
public sealed class ChaincodeSupport : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string PackageId, string Address), ChaincodeConnection> _connections = new();
    private readonly ChaincodeSupportOptions _options;
    private readonly ILogger _logger;

    public ChaincodeSupport(IChaincodeRegistry registry, ChaincodeSupportOptions? options = null, ILogger<ChaincodeSupport>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
        _options = options ?? new ChaincodeSupportOptions();
        _logger = logger ?? NullLogger<ChaincodeSupport>.Instance;
    }

    /// <summary>Resolves chaincode-to-chaincode targets.</summary>
    public IChaincodeRegistry Registry { get; }

    /// <summary>Runs one transaction (INIT when <c>input.is_init</c> is set) and returns the chaincode's response.
    /// A chaincode that answers ERROR, times out, or cannot be reached raises <see cref="ChaincodeExecutionException"/>
    /// with Fabric's wording.</summary>
    public async Task<ChaincodeExecutionResult> ExecuteAsync(
        ChaincodeDefinition chaincode,
        string channelId,
        string txId,
        SignedProposal? signedProposal,
        ChaincodeInput input,
        TxSimulator simulator,
        CancellationToken cancellationToken = default)
    {
        ChaincodeMessage outcome;
        try
        {
            outcome = await ExecuteMessageAsync(chaincode, channelId, txId, signedProposal, input, simulator, cancellationToken).ConfigureAwait(false);
        }
        catch (ChaincodeExecutionException ex)
        {
            throw new ChaincodeExecutionException($"failed to execute transaction {txId}: {ex.Message}", ex);
        }

        ChaincodeEvent? chaincodeEvent = outcome.ChaincodeEvent;
        if (chaincodeEvent is not null)
        {
            chaincodeEvent.ChaincodeId = chaincode.Name;
            chaincodeEvent.TxId = txId;
        }

        return outcome.Type switch
        {
            MessageType.Completed => new ChaincodeExecutionResult(Response.Parser.ParseFrom(outcome.Payload), chaincodeEvent),
            MessageType.Error => throw new ChaincodeExecutionException($"transaction returned with failure: {outcome.Payload.ToStringUtf8()}"),
            _ => throw new ChaincodeExecutionException($"unexpected response type {(int)outcome.Type} for transaction {txId}"),
        };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (ChaincodeConnection connection in _connections.Values)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _connections.Clear();
    }

    /// <summary>The chaincode's final message for the transaction, COMPLETED or ERROR.</summary>
    internal async Task<ChaincodeMessage> ExecuteMessageAsync(
        ChaincodeDefinition chaincode,
        string channelId,
        string txId,
        SignedProposal? signedProposal,
        ChaincodeInput input,
        TxSimulator simulator,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chaincode);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(simulator);
        ChaincodeConnection connection = _connections.GetOrAdd(
            (chaincode.PackageId, chaincode.Address), _ => new ChaincodeConnection(chaincode, this, _options, _logger));
        Handler handler = await connection.GetHandlerAsync(cancellationToken).ConfigureAwait(false);
        var context = new TransactionContext(channelId, txId, chaincode.Name, signedProposal, simulator, input.IsInit);
        var message = new ChaincodeMessage
        {
            Type = input.IsInit ? MessageType.Init : MessageType.Transaction,
            Payload = input.ToByteString(),
            Txid = txId,
            ChannelId = channelId,
            Proposal = signedProposal,
        };
        return await handler.ExecuteAsync(context, message, cancellationToken).ConfigureAwait(false);
    }
}
