using System.Diagnostics;
using Fabricish.Channels.Msp;
using Fabricish.Endorser;
using Fabricish.Endorser.Chaincode;
using Fabricish.Endorser.Simulation;
using Fabricish.Endorser.Validation;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using ChaincodeSupport = Fabricish.Endorser.Chaincode.ChaincodeSupport;

namespace Fabricish.Benchmarks.Endorsing;

/// <summary>Where one endorsement's time goes, one proposal at a time: the proposal checks (signature, creator's
/// MSP, channel policy), the chaincode round trips (TRANSACTION, GET_STATE, PUT_STATE, COMPLETED over the stream),
/// building the response payload, and the endorsement signature, next to the whole endorser call.</summary>
internal static class StageCosts
{
    public static async Task<IReadOnlyList<(string Stage, double Microseconds)>> MeasureAsync(
        IEndorserChannels channels,
        EndorserChannel channel,
        BenchRegistry registry,
        ChaincodeSupport support,
        SigningIdentity peer,
        Endorser.Endorser endorser,
        SignedProposal[] pool,
        int operations)
    {
        var validator = new ProposalValidator(channels);
        var checks = new ProposalCheck[operations];
        double validate = Time(operations, i => checks[i] = validator.Validate(pool[i % pool.Length]));

        var simulators = new TxSimulator[operations];
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < operations; i++)
        {
            UnpackedProposal proposal = checks[i].Proposal!;
            simulators[i] = await TxSimulator.CreateAsync(channel.State, proposal.TxId).ConfigureAwait(false);
            await support.ExecuteAsync(registry.Chaincode, proposal.ChannelId, proposal.TxId, pool[i % pool.Length], proposal.Input, simulators[i]).ConfigureAwait(false);
        }

        double chaincode = clock.Elapsed.TotalMicroseconds / operations;
        var payloads = new byte[operations][];
        double results = Time(operations, i => payloads[i] = new ProposalResponsePayload
        {
            ProposalHash = ByteString.CopyFrom(checks[i].Proposal!.ProposalHash),
            Extension = new ChaincodeAction { Results = simulators[i].GetTxSimulationResults().ToByteString() }.ToByteString(),
        }.ToByteArray());
        byte[] identity = peer.Serialize();
        double sign = Time(operations, i => peer.Sign([.. payloads[i], .. identity]));

        clock.Restart();
        for (int i = 0; i < operations; i++)
        {
            await endorser.ProcessProposalAsync(pool[i % pool.Length]).ConfigureAwait(false);
        }

        double whole = clock.Elapsed.TotalMicroseconds / operations;
        return
        [
            ("proposal checks (signature verify, creator MSP, Writers policy)", validate),
            ("chaincode execution over gRPC (1 read + 1 write)", chaincode),
            ("read-write set and response payload", results),
            ("endorsement signature", sign),
            ("whole ProcessProposal, one at a time", whole),
        ];
    }

    private static double Time(int operations, Action<int> operation)
    {
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < operations; i++)
        {
            operation(i);
        }

        return clock.Elapsed.TotalMicroseconds / operations;
    }
}
