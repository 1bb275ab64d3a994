using Fabricish.Channels.Msp;
using Fabricish.Endorser.Chaincode;
using Fabricish.Endorser.PrivateData;
using Fabricish.Endorser.Simulation;
using Fabricish.Endorser.SystemChaincode;
using Fabricish.Endorser.Validation;
using Fabricish.Ledger.State;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ChaincodeSupport = Fabricish.Endorser.Chaincode.ChaincodeSupport;

namespace Fabricish.Endorser;

/// <summary>Fabric's Endorser.ProcessProposal: checks the proposal, simulates the chaincode against committed state,
/// and signs the result. Outcomes are responses, never exceptions: a refused proposal or a failed simulation is a
/// 500 response with Fabric's message, a chaincode status of 400 or more comes back unendorsed, anything else
/// carries the ProposalResponsePayload and this peer's endorsement. System chaincodes (<c>_lifecycle</c>) run in
/// process against the same simulator; their channel-less functions are answered without an endorsement.</summary>
public sealed partial class Endorser
{
    /// <summary>The version Fabric's system chaincodes report in their ChaincodeAction.</summary>
    public const string SystemChaincodeVersion = "syscc";

    private readonly ProposalValidator _validator;
    private readonly IChaincodeRegistry _registry;
    private readonly ChaincodeSupport _chaincodeSupport;
    private readonly SigningIdentity _signer;
    private readonly byte[] _endorserIdentity;
    private readonly ILogger<Endorser> _logger;
    private readonly Dictionary<string, ISystemChaincode> _systemChaincodes;
    private readonly Func<string, bool> _isSystemChaincode;
    private readonly IPrivateDataSupport? _privateData;

    public Endorser(
        IEndorserChannels channels,
        IChaincodeRegistry registry,
        ChaincodeSupport chaincodeSupport,
        SigningIdentity signer,
        ProposalValidatorOptions? validatorOptions = null,
        TimeProvider? time = null,
        ILogger<Endorser>? logger = null,
        IEnumerable<ISystemChaincode>? systemChaincodes = null,
        ILocalMspAdmins? localAdmins = null,
        IPrivateDataSupport? privateData = null)
    {
        this._privateData = privateData;
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(chaincodeSupport);
        ArgumentNullException.ThrowIfNull(signer);
        _systemChaincodes = (systemChaincodes ?? []).ToDictionary(s => s.Name, StringComparer.Ordinal);
        _isSystemChaincode = _systemChaincodes.ContainsKey;
        _validator = new ProposalValidator(channels, validatorOptions, time, _systemChaincodes, localAdmins);
        _registry = registry;
        _chaincodeSupport = chaincodeSupport;
        _signer = signer;
        _endorserIdentity = signer.Serialize();
        _logger = logger ?? NullLogger<Endorser>.Instance;
    }

    public Task<ProposalResponse> ProcessProposalAsync(SignedProposal signedProposal, CancellationToken cancellationToken = default) =>
        ProcessProposalAsync(signedProposal, evaluate: false, cancellationToken);

    /// <param name="evaluate">The proposal is a query (the gateway's Evaluate): the creator must satisfy the
    /// channel's Readers policy rather than Writers. The response is simulated and endorsed all the same.</param>
    public async Task<ProposalResponse> ProcessProposalAsync(SignedProposal signedProposal, bool evaluate, CancellationToken cancellationToken = default)
    {
        ProposalCheck check = _validator.Validate(signedProposal, evaluate);
        if (!check.IsValid)
        {
            LogRejected(check.Rejection!.Response.Message);
            return check.Rejection;
        }

        UnpackedProposal proposal = check.Proposal!;
        if (_systemChaincodes.TryGetValue(proposal.ChaincodeName, out ISystemChaincode? systemChaincode))
        {
            return await ProcessSystemProposalAsync(proposal, check.Channel, systemChaincode, cancellationToken).ConfigureAwait(false);
        }

        EndorserChannel channel = check.Channel!;
        ChaincodeDefinition? chaincode = await _registry.GetChaincodeAsync(proposal.ChannelId, proposal.ChaincodeName, cancellationToken).ConfigureAwait(false);
        if (chaincode is null)
        {
            return Fail(proposal, $"make sure the chaincode {proposal.ChaincodeName} has been successfully defined on channel {proposal.ChannelId} and try again: chaincode {proposal.ChaincodeName} not found");
        }

        var chaincodeId = new ChaincodeID { Name = chaincode.Name, Version = chaincode.Version };
        return await SimulateAndEndorseAsync(
            proposal,
            channel,
            chaincodeId,
            simulator => _chaincodeSupport.ExecuteAsync(chaincode, proposal.ChannelId, proposal.TxId, signedProposal, proposal.Input, simulator, cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<ProposalResponse> ProcessSystemProposalAsync(
        UnpackedProposal proposal, EndorserChannel? channel, ISystemChaincode systemChaincode, CancellationToken cancellationToken)
    {
        if (channel is null)
        {
            // As Fabric: a chaincode invoked without a channel has nothing to endorse; the response is the answer.
            try
            {
                Response channelless = await systemChaincode.InvokeAsync(new SystemChaincodeInvocation(proposal, null, null), cancellationToken).ConfigureAwait(false);
                return new ProposalResponse { Response = channelless };
            }
            catch (StateDatabaseUnavailableException ex)
            {
                return Fail(proposal, "error in simulation: " + ex.Message);
            }
        }

        var chaincodeId = new ChaincodeID { Name = systemChaincode.Name, Version = SystemChaincodeVersion };
        return await SimulateAndEndorseAsync(
            proposal,
            channel,
            chaincodeId,
            async simulator => new ChaincodeExecutionResult(
                await systemChaincode.InvokeAsync(new SystemChaincodeInvocation(proposal, channel, simulator), cancellationToken).ConfigureAwait(false), null),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<ProposalResponse> SimulateAndEndorseAsync(
        UnpackedProposal proposal,
        EndorserChannel channel,
        ChaincodeID chaincodeId,
        Func<TxSimulator, Task<ChaincodeExecutionResult>> execute,
        CancellationToken cancellationToken)
    {
        TxSimulator simulator;
        try
        {
            simulator = await TxSimulator.CreateAsync(channel.State, proposal.TxId, channel.History, channel.CommitLock, cancellationToken).ConfigureAwait(false);
        }
        catch (StateDatabaseUnavailableException ex)
        {
            return Fail(proposal, "error in simulation: " + ex.Message);
        }

        // Every way out of the simulation releases the channel's commit lock, not only Done.
        using (simulator)
        {
            PreparePrivateData(proposal, channel, simulator);
            ProposalResponse endorsed = await EndorseResultAsync(proposal, simulator, chaincodeId, execute).ConfigureAwait(false);
            if (endorsed.Endorsement is null || simulator.PrivateResults is not { } pvt)
            {
                return endorsed;
            }

            return await DistributePrivateDataAsync(proposal, channel, simulator, pvt, endorsed, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ProposalResponse> EndorseResultAsync(
        UnpackedProposal proposal, TxSimulator simulator, ChaincodeID chaincodeId, Func<TxSimulator, Task<ChaincodeExecutionResult>> execute)
    {
        ChaincodeExecutionResult result;
        try
        {
            result = await execute(simulator).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ChaincodeExecutionException or StateDatabaseUnavailableException or TxSimulatorException)
        {
            return Fail(proposal, "error in simulation: " + ex.Message);
        }

        Response response = result.Response;
        if (response.Status >= ProposalResponses.StatusError)
        {
            // As Fabric: a chaincode error still tells the client what was proposed, but nothing is simulated or signed.
            LogChaincodeError(proposal.TxId, response.Status, response.Message);
            return new ProposalResponse { Response = response, Payload = Payload(proposal, response, ByteString.Empty, null, chaincodeId) };
        }

        if (response.Status >= ProposalResponses.StatusErrorThreshold)
        {
            LogChaincodeError(proposal.TxId, response.Status, response.Message);
            return new ProposalResponse { Response = response };
        }

        // Before the results: the key policies are read while the simulation still holds the commit lock.
        ChaincodeInterest interest;
        try
        {
            interest = await simulator.GetChaincodeInterestAsync(_isSystemChaincode).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is StateDatabaseUnavailableException or TxSimulatorException)
        {
            return Fail(proposal, ex.Message);
        }

        ByteString results = simulator.GetTxSimulationResults().ToByteString();
        ByteString payload = Payload(proposal, response, results, result.Event, chaincodeId);
        return new ProposalResponse
        {
            Version = 1,
            Response = response,
            Payload = payload,
            Endorsement = Endorse(payload),
            Interest = interest,
        };
    }

    /// <summary>Fabric's default ESCC: the peer signs payload ‖ its serialized identity.</summary>
    private Endorsement Endorse(ByteString payload)
    {
        byte[] signed = new byte[payload.Length + _endorserIdentity.Length];
        payload.Span.CopyTo(signed);
        _endorserIdentity.CopyTo(signed.AsSpan(payload.Length));
        return new Endorsement
        {
            Endorser = ByteString.CopyFrom(_endorserIdentity),
            Signature = ByteString.CopyFrom(_signer.Sign(signed)),
        };
    }

    private static ByteString Payload(UnpackedProposal proposal, Response response, ByteString results, ChaincodeEvent? chaincodeEvent, ChaincodeID chaincodeId)
    {
        var action = new ChaincodeAction
        {
            Results = results,
            Events = chaincodeEvent?.ToByteString() ?? ByteString.Empty,
            Response = response,
            ChaincodeId = chaincodeId,
        };
        return new ProposalResponsePayload
        {
            ProposalHash = ByteString.CopyFrom(proposal.ProposalHash),
            Extension = action.ToByteString(),
        }.ToByteString();
    }

    private ProposalResponse Fail(UnpackedProposal proposal, string message)
    {
        LogSimulationFailed(proposal.TxId, proposal.ChaincodeName, message);
        return ProposalResponses.Error(message);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "proposal rejected: {Reason}")]
    private partial void LogRejected(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "transaction {TxId} on chaincode {Chaincode} failed: {Reason}")]
    private partial void LogSimulationFailed(string txId, string chaincode, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "transaction {TxId}: chaincode returned status {Status} ({Message}); not endorsed")]
    private partial void LogChaincodeError(string txId, int status, string message);
}
