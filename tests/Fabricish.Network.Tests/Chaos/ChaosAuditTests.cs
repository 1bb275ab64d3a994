using System.Diagnostics;
using Fabricish.Benchmarks.Chaos;
using Fabricish.Benchmarks.Network;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Network.Tests.Chaos;

public sealed class ChaosAuditTests
{
    private static readonly long Second = Stopwatch.Frequency;

    [Fact]
    public void An_acknowledged_transaction_missing_from_one_peers_ledger_is_lost()
    {
        TxRecord record = Acknowledged("tx1");
        PeerLedger[] ledgers = [Ledger("peer1", ("tx1", TxValidationCode.Valid)), Ledger("peer2")];

        Assert.True(ChaosAudit.IsLost(record, ledgers));
    }

    [Fact]
    public void A_transaction_the_client_saw_committed_but_a_ledger_holds_invalid_is_lost()
    {
        TxRecord record = Committed("tx1");
        PeerLedger[] ledgers = [Ledger("peer1", ("tx1", TxValidationCode.Valid)), Ledger("peer2", ("tx1", TxValidationCode.MvccReadConflict))];

        Assert.True(ChaosAudit.IsLost(record, ledgers));
    }

    [Fact]
    public void A_transaction_refused_before_the_orderer_acknowledged_it_is_failed_not_lost()
    {
        var record = new TxRecord("tx1", 1, 0, 0, Stopwatch.GetTimestamp(), measured: true, peers: 2);
        record.TryFinish(TxOutcome.Failed, "endorse (Unavailable): peer down");

        Assert.False(ChaosAudit.IsLost(record, [Ledger("peer1"), Ledger("peer2")]));
    }

    [Fact]
    public void A_transaction_in_every_ledger_as_the_client_saw_it_is_neither_lost_nor_doubled()
    {
        TxRecord record = Committed("tx1");
        PeerLedger[] ledgers = [Ledger("peer1", ("tx1", TxValidationCode.Valid)), Ledger("peer2", ("tx1", TxValidationCode.Valid))];

        Assert.False(ChaosAudit.IsLost(record, ledgers));
        Assert.False(ChaosAudit.IsDoubled(record, ledgers));
    }

    [Fact]
    public void A_transaction_valid_twice_in_a_ledger_is_doubled_but_a_resubmission_marked_duplicate_is_not()
    {
        TxRecord record = Committed("tx1");
        PeerLedger twice = new("peer1", [Block(0, ("tx1", TxValidationCode.Valid)), Block(1, ("tx1", TxValidationCode.Valid))]);
        PeerLedger marked = new("peer2", [Block(0, ("tx1", TxValidationCode.Valid)), Block(1, ("tx1", TxValidationCode.DuplicateTxid))]);

        Assert.True(ChaosAudit.IsDoubled(record, [twice]));
        Assert.False(ChaosAudit.IsDoubled(record, [marked]));
    }

    [Fact]
    public void Outage_counts_only_gaps_between_commits_longer_than_two_seconds_from_the_injection_to_the_end()
    {
        long t0 = 1_000 * Second;
        var phase = new ChaosPhase("orderer") { Start = t0, Injected = t0, End = t0 + (12 * Second) };
        // Commits at +1, +2 (normal), then nothing until +9 (7 s gap), then +10, +11, and the end at +12.
        long[] commits = [.. new[] { 1, 2, 9, 10, 11 }.Select(s => t0 + (s * Second))];

        Assert.Equal(7.0, ChaosAudit.Outage(phase, commits), precision: 3);
    }

    [Fact]
    public void A_fault_whose_peers_caught_up_later_than_its_limit_fails_even_with_nothing_lost()
    {
        var phase = new ChaosPhase("partition") { Start = 0, Injected = 1, End = 100 * Second, CatchUpSeconds = 12.5, CatchUpLimitSeconds = 10 };

        ChaosRow row = Assert.Single(ChaosAudit.Rows([phase], [], []));

        Assert.False(row.Passed);
        Assert.Equal(0, row.Lost);
        Assert.Contains("12.5 s after the heal (limit 10 s)", row.Notes, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fault_that_needed_a_hand_fails()
    {
        var phase = new ChaosPhase("peer") { Start = 0, Injected = 1, End = 100 * Second, Hand = "yes: ./fabricish restart peer0.org1 peer0.org2" };

        Assert.False(Assert.Single(ChaosAudit.Rows([phase], [], [])).Passed);
    }

    [Fact]
    public void Transactions_belong_to_the_fault_during_which_they_started()
    {
        long t0 = 1_000 * Second;
        var first = new ChaosPhase("none") { Start = 0, Injected = 0, End = t0 };
        var second = new ChaosPhase("orderer") { Start = t0, Injected = t0, End = t0 + (10 * Second) };
        TxRecord before = Committed("tx1", start: t0 - Second);
        TxRecord during = Committed("tx2", start: t0 + Second);
        PeerLedger ledger = Ledger("peer1", ("tx1", TxValidationCode.Valid), ("tx2", TxValidationCode.Valid));

        IReadOnlyList<ChaosRow> rows = ChaosAudit.Rows([first, second], [before, during], [ledger]);

        Assert.Equal([1L, 1L], rows.Select(r => r.Committed));
    }

    private static TxRecord Acknowledged(string txid)
    {
        var record = new TxRecord(txid, 1, 0, 0, Stopwatch.GetTimestamp(), measured: true, peers: 2) { Submitted = Stopwatch.GetTimestamp() };
        record.TryFinish(TxOutcome.Failed, "timeout: committed on 1 of 2 peers after 120 s");
        return record;
    }

    private static TxRecord Committed(string txid, long? start = null)
    {
        var record = new TxRecord(txid, 1, 0, 0, start ?? Stopwatch.GetTimestamp(), measured: true, peers: 2) { Submitted = Stopwatch.GetTimestamp() };
        record.PeerReported(0, TxValidationCode.Valid, 1, (start ?? 0) + 1);
        record.PeerReported(1, TxValidationCode.Valid, 1, (start ?? 0) + 2);
        return record;
    }

    private static PeerLedger Ledger(string peer, params (string TxId, TxValidationCode Code)[] transactions) =>
        new(peer, [Block(0, transactions)]);

    private static LedgerBlock Block(ulong number, params (string TxId, TxValidationCode Code)[] transactions) =>
        new(number, ByteString.Empty, ByteString.Empty, ByteString.CopyFrom([.. transactions.Select(t => (byte)t.Code)]), ByteString.Empty, transactions);
}
