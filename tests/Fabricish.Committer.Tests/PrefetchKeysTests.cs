using Fabricish.Committer.Validation;
using Fabricish.Ledger.State;
using Fabricish.Protos.Common;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Testing;
using Fabricish.Testing.Transactions;
using Google.Protobuf;

namespace Fabricish.Committer.Tests;

/// <summary>The keys whose committed versions the committer loads while a block's signatures are checked are read
/// from the envelopes' wire bytes without parsing them: they must be the keys a full parse of the read-write set
/// names, and nothing for an envelope that is not an endorser transaction or does not parse.</summary>
public sealed class PrefetchKeysTests
{
    private static TestNetwork Net => TestNetwork.Shared;

    [Fact]
    public void The_keys_read_from_the_wire_are_the_reads_and_writes_of_every_namespace_a_full_parse_finds()
    {
        TxReadWriteSet results = new RwSet().Read("r1", new Height(1, 0)).Read("absent", null).Write("w1", "v").Delete("d1").Build();
        results.NsRwset.Add(new RwSet("other").Write("o1", "v").Read("o2", new Height(2, 3)).Build().NsRwset);
        ByteString envelope = new EndorsedTransaction(Net.Org1Client, results).Build().ToByteString();
        var expected = new HashSet<CompositeKey>();
        foreach (NamespaceRwSet ns in TransactionReader.Read(envelope).RwSets)
        {
            expected.UnionWith(ns.KvRwSet.Reads.Select(r => new CompositeKey(ns.Namespace, r.Key)));
            expected.UnionWith(ns.KvRwSet.Writes.Select(w => new CompositeKey(ns.Namespace, w.Key)));
        }

        var keys = new HashSet<CompositeKey>();
        PrefetchKeys.AddFrom(envelope.Span, keys);

        Assert.Equal(6, expected.Count);
        Assert.True(expected.SetEquals(keys), string.Join(", ", keys));
    }

    [Fact]
    public void A_config_envelope_or_bytes_that_do_not_parse_name_no_keys()
    {
        var config = new Envelope
        {
            Payload = new Payload
            {
                Header = new Header { ChannelHeader = new ChannelHeader { Type = (int)HeaderType.Config, ChannelId = TestNetwork.ChannelId }.ToByteString() },
                Data = ByteString.CopyFromUtf8("not a transaction"),
            }.ToByteString(),
        };
        byte[] truncated = new EndorsedTransaction(Net.Org1Client, new RwSet().Write("a", "1").Build()).Build().ToByteArray()[..^7];
        var keys = new HashSet<CompositeKey>();

        PrefetchKeys.AddFrom(config.ToByteArray(), keys);
        PrefetchKeys.AddFrom(truncated, keys);
        PrefetchKeys.AddFrom([0xFF, 0xFF, 0xFF], keys);

        Assert.Empty(keys);
    }
}
