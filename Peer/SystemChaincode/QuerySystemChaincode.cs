using System.Globalization;
using System.Text;
using Fabricish.Endorser.SystemChaincode;
using Fabricish.Ledger;
using Fabricish.Peer.Channels;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using static Fabricish.Peer.SystemChaincode.SystemChaincodeAccess;

namespace Fabricish.Peer.SystemChaincode;

/// <summary>Fabric's <c>qscc</c> (core/scc/qscc): ledger queries for block explorers and SDKs. args[0] names the
/// function, args[1] the channel (whatever channel the proposal header names, usually none), args[2] the block number,
/// block hash or transaction id. Every function needs the named channel's <c>/Channel/Application/Readers</c>; answers
/// are the marshaled <c>BlockchainInfo</c>, <c>Block</c> or <c>ProcessedTransaction</c>.</summary>
internal sealed partial class QuerySystemChaincode(IPeerChannels channels, ILogger<QuerySystemChaincode> logger) : ISystemChaincode
{
    public const string ChaincodeName = "qscc";
    public const string GetChainInfo = "GetChainInfo";
    public const string GetBlockByNumber = "GetBlockByNumber";
    public const string GetBlockByHash = "GetBlockByHash";
    public const string GetTransactionByID = "GetTransactionByID";
    public const string GetBlockByTxID = "GetBlockByTxID";

    private static readonly HashSet<string> Functions =
        new([GetChainInfo, GetBlockByNumber, GetBlockByHash, GetTransactionByID, GetBlockByTxID], StringComparer.Ordinal);

    public string Name => ChaincodeName;

    /// <summary>The <c>peer</c> CLI and most SDKs call qscc without a channel; the channel is an argument.</summary>
    public bool AllowsNoChannel(string function) => true;

    public bool ChecksChannellessAccess(string function) => true;

    public Task<Response> InvokeAsync(SystemChaincodeInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        return Task.FromResult(Invoke(invocation));
    }

    private Response Invoke(SystemChaincodeInvocation invocation)
    {
        IReadOnlyList<ByteString> args = invocation.Args;
        if (args.Count < 2)
        {
            return Error($"Incorrect number of arguments, {args.Count}");
        }

        string function = invocation.Function;
        string channelId = args[1].ToStringUtf8();
        if (function != GetChainInfo && args.Count < 3)
        {
            return Error($"missing 3rd argument for {function}");
        }

        if (!channels.TryGet(channelId, out IPeerLedger? ledger))
        {
            return Error($"Invalid chain ID, {channelId}");
        }

        string? denied = Functions.Contains(function)
            ? CheckChannelReaders(channelId, ledger.Config, invocation.Proposal.SignedProposal, invocation.Creator)
            : $"Unmapped policy for {ChaincodeName}/{function}";
        if (denied is not null)
        {
            LogDenied(function, channelId, denied);
            return Error($"access denied for [{function}][{channelId}]: [{denied}]");
        }

        BlockStore blocks = ledger.Blocks;
        return function switch
        {
            GetChainInfo => ChainInfo(blocks),
            GetBlockByNumber => BlockByNumber(blocks, args[2].ToStringUtf8()),
            GetBlockByHash => BlockByHash(blocks, args[2]),
            GetTransactionByID => TransactionById(blocks, args[2].ToStringUtf8()),
            _ => BlockByTxId(blocks, args[2].ToStringUtf8()),
        };
    }

    /// <summary>Height, the newest block's header hash and that block's previous hash (Fabric's
    /// blockfile manager answers from the same header hashes).</summary>
    private static Response ChainInfo(BlockStore blocks)
    {
        Ledger.BlockchainInfo info = blocks.GetBlockchainInfo();
        return Success(new Protos.Common.BlockchainInfo
        {
            Height = info.Height,
            CurrentBlockHash = ByteString.CopyFrom(info.CurrentBlockHash.Span),
            PreviousBlockHash = ByteString.CopyFrom(info.PreviousBlockHash.Span),
        });
    }

    private static Response BlockByNumber(BlockStore blocks, string text)
    {
        if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong number))
        {
            string reason = text.Length > 0 && text.All(char.IsAsciiDigit) ? "value out of range" : "invalid syntax";
            return Error($"Failed to parse block number with error strconv.ParseUint: parsing \"{text}\": {reason}");
        }

        // As Fabric's block store: the largest number asks for the newest block.
        ulong wanted = number == ulong.MaxValue && blocks.Height > 0 ? blocks.Height - 1 : number;
        return blocks.GetBlock(wanted) is { } block
            ? Success(block)
            : Error($"Failed to get block number {number}, error no such block number [{number}] in index");
    }

    private static Response BlockByHash(BlockStore blocks, ByteString hash) =>
        blocks.GetBlockByHash(hash.Span) is { } block
            ? Success(block)
            : Error($"Failed to get block hash {Encoding.UTF8.GetString(hash.Span)}, error no such block hash [{Convert.ToHexStringLower(hash.Span)}] in index");

    private static Response TransactionById(BlockStore blocks, string txId)
    {
        if (!blocks.TryGetTxLocation(txId, out TxLocation location) || blocks.GetBlock(location.BlockNumber) is not { } block)
        {
            return Error($"Failed to get transaction with id {txId}, error no such transaction ID [{txId}] in index");
        }

        TxValidationCode[] codes = Committer.TransactionsFilter.Get(block);
        return Success(new ProcessedTransaction
        {
            TransactionEnvelope = Envelope.Parser.ParseFrom(block.Data.Data[location.TxIndex]),
            ValidationCode = (int)codes[location.TxIndex],
        });
    }

    private static Response BlockByTxId(BlockStore blocks, string txId) =>
        blocks.TryGetBlockByTxId(txId, out Block? block)
            ? Success(block)
            : Error($"Failed to get block for txID {txId}, error no such transaction ID [{txId}] in index");

    [LoggerMessage(Level = LogLevel.Warning, Message = "qscc {Function} on channel {Channel} refused: {Reason}")]
    private partial void LogDenied(string function, string channel, string reason);
}
