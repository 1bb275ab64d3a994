namespace Fabricish.Client;

/// <summary>A chaincode (optionally one named contract in it) on a channel, as fabric-gateway's <c>Contract</c>.
/// Transaction names are qualified "contract:function" when the contract has a name.</summary>
public sealed class Contract
{
    private readonly GatewayConnection _connection;

    internal Contract(GatewayConnection connection, string channelId, string chaincodeName, string? contractName)
    {
        _connection = connection;
        ChannelId = channelId;
        ChaincodeName = chaincodeName;
        ContractName = contractName;
    }

    public string ChannelId { get; }

    public string ChaincodeName { get; }

    public string? ContractName { get; }

    public Task<byte[]> EvaluateTransactionAsync(string name, params string[] arguments) =>
        EvaluateTransactionAsync(name, ProposalOptions.WithArguments(arguments));

    public Task<byte[]> EvaluateTransactionAsync(string name, params byte[][] arguments) =>
        EvaluateTransactionAsync(name, new ProposalOptions { Arguments = arguments });

    /// <summary>Runs a transaction function on one peer and returns its result; nothing is ordered.</summary>
    public Task<byte[]> EvaluateTransactionAsync(string name, ProposalOptions options, CancellationToken cancellationToken = default) =>
        NewProposal(name, options).EvaluateAsync(cancellationToken);

    public Task<byte[]> SubmitTransactionAsync(string name, params string[] arguments) =>
        SubmitTransactionAsync(name, ProposalOptions.WithArguments(arguments));

    public Task<byte[]> SubmitTransactionAsync(string name, params byte[][] arguments) =>
        SubmitTransactionAsync(name, new ProposalOptions { Arguments = arguments });

    /// <summary>Endorses, submits and waits for the commit; throws <see cref="CommitException"/> when the transaction
    /// commits with a code other than VALID.</summary>
    public async Task<byte[]> SubmitTransactionAsync(string name, ProposalOptions options, CancellationToken cancellationToken = default)
    {
        SubmittedTransaction submitted = await SubmitAsync(name, options, cancellationToken).ConfigureAwait(false);
        Status status = await submitted.GetStatusAsync(cancellationToken).ConfigureAwait(false);
        return status.Successful ? submitted.Result : throw new CommitException(status);
    }

    /// <summary>Endorses and submits, returning before the commit.</summary>
    public async Task<SubmittedTransaction> SubmitAsync(string name, ProposalOptions? options = null, CancellationToken cancellationToken = default)
    {
        Transaction transaction = await NewProposal(name, options).EndorseAsync(cancellationToken).ConfigureAwait(false);
        return await transaction.SubmitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A proposal to evaluate or endorse step by step (to retry one step, or inspect the transaction ID first).</summary>
    public Proposal NewProposal(string name, ProposalOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        string qualified = ContractName is null ? name : ContractName + ":" + name;
        var proposed = ProposalBuilder.Build(_connection.Signing, ChannelId, ChaincodeName, qualified, options ?? new ProposalOptions());
        return new Proposal(_connection, ChannelId, proposed);
    }
}
