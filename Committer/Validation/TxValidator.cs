using Fabricish.Channels.Config;
using Fabricish.Committer.Config;
using Fabricish.Ledger;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fabricish.Committer.Validation;

/// <summary>Fabric's TxValidator (core/committer/txvalidator/v20/validator.go): gives every transaction of a block a
/// TxValidationCode from its envelope, creator signature, channel, tx id uniqueness and endorsement policy, before
/// MVCC. The per-transaction checks are independent and run in parallel. Duplicates within the block are marked by
/// <see cref="MvccValidator"/> after the key-level stage, in block order, as Fabric marks them after its validation
/// plugins: a transaction those refuse claims no tx id.</summary>
public sealed class TxValidator
{
    private readonly IChannelConfigSource _config;
    private readonly IEndorsementPolicyProvider _policies;
    private readonly ICommittedTxIds _committed;
    private readonly IConfigTransactionHandler _configHandler;
    private readonly TxValidationOptions _options;
    private readonly ILogger _logger;

    public TxValidator(
        IChannelConfigSource config,
        IEndorsementPolicyProvider policies,
        ICommittedTxIds committed,
        IConfigTransactionHandler configHandler,
        TxValidationOptions? options = null,
        ILogger<TxValidator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(committed);
        ArgumentNullException.ThrowIfNull(configHandler);
        _config = config;
        _policies = policies;
        _committed = committed;
        _configHandler = configHandler;
        _options = options ?? new TxValidationOptions();
        _logger = logger ?? NullLogger<TxValidator>.Instance;
    }

    /// <summary>The endorsement policies the block is judged by, which the in-order key-level stage also asks.</summary>
    internal IEndorsementPolicyProvider Policies => _policies;

    /// <summary>Completes once <see cref="Validate(Block)"/> can judge the channel's next block without waiting for its
    /// endorsement policies to load.</summary>
    public ValueTask PrepareAsync(CancellationToken cancellationToken) => _policies.PrepareAsync(_config.Current.ChannelId, cancellationToken);

    /// <summary>One result per envelope of <paramref name="block"/>, in block order (after <see cref="PrepareAsync"/>).</summary>
    public IReadOnlyList<ValidatedTransaction> Validate(Block block) => Validate(block, null);

    /// <summary>Starts checking the signatures of <paramref name="block"/>, which is to be validated later, on one thread
    /// beside the committer's own work (parallel validation only: the sequential baseline stays on one core); null when
    /// there is nothing to check.</summary>
    internal BlockPrecheck? StartPrecheck(Block block) =>
        _options.Parallel && (block.Data?.Data.Count ?? 0) > 0 ? BlockPrecheck.Start(block, _config.Current) : null;

    /// <summary><see cref="Validate(Block)"/>, skipping the signature verifications <paramref name="precheck"/> (stopped)
    /// already did for this very block under the configuration in force now; the results are the same with or
    /// without it.</summary>
    internal IReadOnlyList<ValidatedTransaction> Validate(Block block, BlockPrecheck? precheck)
    {
        ArgumentNullException.ThrowIfNull(block);
        IList<ByteString> data = block.Data?.Data ?? (IList<ByteString>)[];
        var results = new ValidatedTransaction[data.Count];

        // One snapshot for the whole block: a config transaction only takes effect after its block commits.
        ChannelConfig config = _config.Current;
        if (precheck is not null && (!ReferenceEquals(precheck.Block, block) || !ReferenceEquals(precheck.Config, config)))
        {
            precheck = null;
        }

        var identities = new BlockIdentities(config.Msps);
        if (_options.Parallel && data.Count > 1)
        {
            // One worker per core at most: with no bound, Parallel.For keeps queuing replicas to the thread pool for as
            // long as the loop runs, waking worker after worker that contend for the same cores.
            int workers = _options.MaxDegreeOfParallelism > 0 ? _options.MaxDegreeOfParallelism : Environment.ProcessorCount;
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers };
            Parallel.For(0, data.Count, parallel, i => results[i] = Check(i, data[i], config, identities, precheck?.For(i)));
        }
        else
        {
            for (int i = 0; i < data.Count; i++)
            {
                results[i] = Check(i, data[i], config, identities, precheck?.For(i));
            }
        }

        foreach (ValidatedTransaction result in results)
        {
            if (!result.IsValid)
            {
                CommitterLog.InvalidTransaction(_logger, result.Index, result.TxId, result.Code, result.Reason);
            }
        }

        return results;
    }

    private ValidatedTransaction Check(int index, ByteString data, ChannelConfig config, BlockIdentities identities, PrecheckedTransaction? prechecked)
    {
        EnvelopeCheck envelopeCheck = EnvelopeValidator.Validate(data, identities, prechecked);
        ParsedEnvelope? envelope = envelopeCheck.Envelope;
        var type = (HeaderType)(envelope?.ChannelHeader.Type ?? 0);
        string txId = envelope?.ChannelHeader.TxId ?? "";
        if (envelopeCheck.Code != TxValidationCode.Valid)
        {
            return ValidatedTransaction.Invalid(index, envelopeCheck.Code, envelopeCheck.Reason!, txId, type);
        }

        if (envelope!.ChannelHeader.ChannelId != config.ChannelId)
        {
            return ValidatedTransaction.Invalid(index, TxValidationCode.TargetChainNotFound, $"transaction is for channel '{envelope.ChannelHeader.ChannelId}'", txId, type);
        }

        switch (type)
        {
            case HeaderType.EndorserTransaction:
                if (_committed.Contains(txId))
                {
                    return ValidatedTransaction.Invalid(index, TxValidationCode.DuplicateTxid, "txid is already on the ledger", txId, type);
                }

                EndorsementCheck endorsement = EndorsementValidator.Validate(envelope, config, identities, _policies, prechecked?.Endorsers);
                return endorsement.Evidence is not null
                    ? new ValidatedTransaction { Index = index, Code = endorsement.Code, Reason = endorsement.Reason, TxId = txId, Type = type, RwSets = endorsement.RwSets, Endorsement = endorsement.Evidence }
                    : ValidatedTransaction.Invalid(index, endorsement.Code, endorsement.Reason!, txId, type);
            case HeaderType.Config:
                return ConfigTransaction(index, envelope, config, txId);
            default:
                return ValidatedTransaction.Invalid(index, TxValidationCode.UnknownTxType, $"unknown transaction type {type}", txId, type);
        }
    }

    private ValidatedTransaction ConfigTransaction(int index, ParsedEnvelope envelope, ChannelConfig config, string txId)
    {
        ConfigEnvelope configEnvelope;
        try
        {
            configEnvelope = ConfigEnvelope.Parser.ParseFrom(envelope.Payload.Data.Span);
        }
        catch (InvalidProtocolBufferException e)
        {
            return ValidatedTransaction.Invalid(index, TxValidationCode.InvalidConfigTransaction, "config envelope does not parse: " + e.Message, txId, HeaderType.Config);
        }

        string? problem = _configHandler.Validate(configEnvelope, config);
        return problem is null
            ? new ValidatedTransaction { Index = index, Code = TxValidationCode.Valid, TxId = txId, Type = HeaderType.Config, Config = configEnvelope }
            : ValidatedTransaction.Invalid(index, TxValidationCode.InvalidConfigTransaction, problem, txId, HeaderType.Config);
    }
}
