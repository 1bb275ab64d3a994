using Fabricish.Channels.Blocks;
using Fabricish.Channels.Config;
using Fabricish.Protos.Common;
using Google.Protobuf;

namespace Fabricish.Committer.Validation;

/// <summary>The state-independent checks of a block that is not yet the committer's turn: each transaction's envelope
/// structure, creator signature and endorsement signatures, one transaction after another on one thread beside the
/// commit in progress, so a core does not idle while that commit runs its sequential part (MVCC, append, queuing the
/// state write). Nothing here decides a code: <see cref="TxValidator.Validate(Block, BlockPrecheck?)"/> judges every
/// transaction in order as it would without it, tx ids against the ledger and endorsement policies included, and only
/// skips ECDSA verifications already done for the identities it resolves itself. Done under one configuration: a
/// block judged under another (a config block came between) does not use it.</summary>
internal sealed class BlockPrecheck
{
    private readonly PrecheckedTransaction?[] _transactions;
    private readonly Task _run;
    private volatile bool _stopping;
    private volatile byte[]? _dataHash;
    private int _taken;

    private BlockPrecheck(Block block, ChannelConfig config)
    {
        Block = block;
        Config = config;
        IList<ByteString> data = block.Data?.Data ?? (IList<ByteString>)[];
        _transactions = new PrecheckedTransaction?[data.Count];
        _run = Task.Run(() => Run(data));
    }

    /// <summary>The block checked: only a commit of this very object uses the outcome.</summary>
    public Block Block { get; }

    /// <summary>The configuration whose MSPs resolved the identities.</summary>
    public ChannelConfig Config { get; }

    /// <summary>The SHA-256 of the block's data once the head start hashed it (first of all), else null.</summary>
    public byte[]? DataHash => _dataHash;

    /// <summary>Transactions checked so far (for tests).</summary>
    public int Checked { get; private set; }

    /// <summary>Transactions whose outcome the in-order validation took from here (for tests).</summary>
    public int Taken => Volatile.Read(ref _taken);

    public static BlockPrecheck Start(Block block, ChannelConfig config)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(config);
        return new BlockPrecheck(block, config);
    }

    /// <summary>Completes once every transaction is checked or the check stopped.</summary>
    public Task Completion => _run;

    /// <summary>Stops after the transaction in hand; afterwards <see cref="For"/> may be read.</summary>
    public Task StopAsync()
    {
        _stopping = true;
        return _run;
    }

    /// <summary>What was found out about transaction <paramref name="index"/>, null when it was not reached or did not
    /// come out VALID (then it is judged from scratch). Read only once <see cref="StopAsync"/> completed.</summary>
    public PrecheckedTransaction? For(int index)
    {
        PrecheckedTransaction? found = index < _transactions.Length ? _transactions[index] : null;
        if (found is not null)
        {
            Interlocked.Increment(ref _taken);
        }

        return found;
    }

    private void Run(IList<ByteString> data)
    {
        // The commit compares the header with this before anything else, on its one thread: hashing the block here
        // takes that pass off the in-order path.
        _dataHash = BlockHashing.DataHash(Block.Data ?? new BlockData());
        var identities = new BlockIdentities(Config.Msps);
        for (int i = 0; i < data.Count && !_stopping; i++)
        {
            try
            {
                _transactions[i] = Check(data[i], identities);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Only ever a head start: the in-order check meets the same input and reports whatever this was.
                return;
            }

            Checked = i + 1;
        }
    }

    private static PrecheckedTransaction? Check(ByteString data, BlockIdentities identities)
    {
        EnvelopeCheck envelope = EnvelopeValidator.Validate(data, identities);
        if (envelope.Code != Protos.Peer.TxValidationCode.Valid
            || envelope.Envelope is not { ActionPayload: not null } parsed
            || (HeaderType)parsed.ChannelHeader.Type != HeaderType.EndorserTransaction)
        {
            return null;
        }

        return new PrecheckedTransaction(envelope, EndorsementValidator.VerifyEndorsements(parsed, identities));
    }
}
