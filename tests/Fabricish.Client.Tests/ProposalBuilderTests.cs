using System.Text;
using Fabricish.Protos.Common;
using Fabricish.Protos.Msp;
using Fabricish.Protos.Peer;
using ProposalMessage = Fabricish.Protos.Peer.Proposal;

namespace Fabricish.Client.Tests;

/// <summary>Proposals are built as Fabric's gateway clients build them, so a Fabric peer accepts them.</summary>
public sealed class ProposalBuilderTests
{
    private static readonly byte[] FixedNonce = [.. Enumerable.Range(0, 24).Select(i => (byte)i)];
    private static readonly Identity FixedIdentity = Identity.FromCertificatePem("Org1MSP", "-----BEGIN CERTIFICATE-----\nMIIBfixedcertificate\n-----END CERTIFICATE-----\n");

    [Fact]
    public void Transaction_id_is_hex_sha256_of_nonce_then_serialized_creator()
    {
        // Computed independently: sha256(bytes 0..23 ‖ SerializedIdentity{mspid: "Org1MSP", id_bytes: the PEM above}).
        const string Golden = "e0df63c5e0749f5bb18215fc54ee29d72a598b29a7418c57378d1295fa072d38";

        var proposed = ProposalBuilder.Build(Signing(FixedIdentity), "mychannel", "basic", "ReadAsset", new ProposalOptions(), FixedNonce);

        Assert.Equal(Golden, proposed.TransactionId);
        Assert.Equal(Golden, ProposalBuilder.TransactionId(FixedNonce, FixedIdentity.Serialize()));
    }

    [Fact]
    public void Proposal_parses_back_with_Fabrics_headers_invocation_and_transient_data()
    {
        var timestamp = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
        var options = new ProposalOptions
        {
            Arguments = [Encoding.UTF8.GetBytes("asset1"), [0xff, 0x00]],
            TransientData = new Dictionary<string, byte[]> { ["asset_properties"] = [1, 2, 3] },
            EndorsingOrganizations = ["Org1MSP", "Org2MSP"],
        };

        var proposed = ProposalBuilder.Build(Signing(FixedIdentity), "mychannel", "basic", "ReadAsset", options, FixedNonce, timestamp);

        Assert.True(proposed.Proposal.Signature.IsEmpty);
        Assert.Equal(["Org1MSP", "Org2MSP"], proposed.EndorsingOrganizations);
        ProposalMessage proposal = ProposalMessage.Parser.ParseFrom(proposed.Proposal.ProposalBytes);
        Header header = Header.Parser.ParseFrom(proposal.Header);
        ChannelHeader channelHeader = ChannelHeader.Parser.ParseFrom(header.ChannelHeader);
        Assert.Equal((int)HeaderType.EndorserTransaction, channelHeader.Type);
        Assert.Equal("mychannel", channelHeader.ChannelId);
        Assert.Equal(proposed.TransactionId, channelHeader.TxId);
        Assert.Equal(0UL, channelHeader.Epoch);
        Assert.Equal(timestamp, channelHeader.Timestamp.ToDateTimeOffset());
        Assert.Equal("basic", ChaincodeHeaderExtension.Parser.ParseFrom(channelHeader.Extension).ChaincodeId.Name);
        SignatureHeader signatureHeader = SignatureHeader.Parser.ParseFrom(header.SignatureHeader);
        Assert.Equal(FixedNonce, signatureHeader.Nonce.ToByteArray());
        SerializedIdentity creator = SerializedIdentity.Parser.ParseFrom(signatureHeader.Creator);
        Assert.Equal("Org1MSP", creator.Mspid);
        Assert.Equal(FixedIdentity.Credentials.ToArray(), creator.IdBytes.ToByteArray());
        ChaincodeProposalPayload payload = ChaincodeProposalPayload.Parser.ParseFrom(proposal.Payload);
        Assert.Equal([1, 2, 3], payload.TransientMap["asset_properties"].ToByteArray());
        ChaincodeSpec spec = ChaincodeInvocationSpec.Parser.ParseFrom(payload.Input).ChaincodeSpec;
        Assert.Equal("basic", spec.ChaincodeId.Name);
        Assert.Equal(["ReadAsset", "asset1"], spec.Input.Args.Take(2).Select(a => a.ToStringUtf8()));
        Assert.Equal([0xff, 0x00], spec.Input.Args[2].ToByteArray());
    }

    [Fact]
    public void Every_proposal_gets_a_fresh_nonce_and_so_a_fresh_transaction_id()
    {
        SigningContext signing = Signing(FixedIdentity);

        var first = ProposalBuilder.Build(signing, "ch", "cc", "f", new ProposalOptions());
        var second = ProposalBuilder.Build(signing, "ch", "cc", "f", new ProposalOptions());

        Assert.NotEqual(first.TransactionId, second.TransactionId);
        Assert.Equal(64, first.TransactionId.Length);
    }

    private static SigningContext Signing(Identity identity) => new(identity, _ => [1], Hashes.Sha256);
}
