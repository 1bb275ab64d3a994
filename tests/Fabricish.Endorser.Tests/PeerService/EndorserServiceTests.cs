using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Fabricish.Channels.Crypto;
using Fabricish.Endorser.Validation;
using Fabricish.Protos.Peer;

namespace Fabricish.Endorser.Tests.PeerService;

/// <summary>The peer's <c>protos.Endorser</c> gRPC service, hosted as the peer hosts it, called as Fabric's clients
/// call it, with the asset-transfer chaincode server behind it.</summary>
public sealed class EndorserServiceTests : IAsyncLifetime
{
    private EndorsingHost _host = null!;

    public async Task InitializeAsync() => _host = await EndorsingHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ProcessProposal_over_gRPC_returns_an_endorsement_that_verifies_with_the_peer_certificate()
    {
        SignedProposal proposal = new ProposalBuilder(_host.Network.Org1Client, "basic", "CreateAsset", "asset1", "blue", "5", "tom", "300").Build();

        ProposalResponse response = await _host.Client.ProcessProposalAsync(proposal);

        Assert.True(response.Response.Status == 200, response.Response.Message);
        Assert.Equal(_host.Network.Org1Peer.Serialize(), response.Endorsement.Endorser.ToByteArray());
        using ECDsa publicKey = _host.Network.Org1Peer.Certificate.GetECDsaPublicKey()!;
        byte[] signed = [.. response.Payload.ToByteArray(), .. response.Endorsement.Endorser.ToByteArray()];
        Assert.True(Signatures.Verify(publicKey, signed, response.Endorsement.Signature.Span));
        signed[^1] ^= 1;
        Assert.False(Signatures.Verify(publicKey, signed, response.Endorsement.Signature.Span));
        Assert.True(ProposalValidator.TryUnpack(proposal, out UnpackedProposal? unpacked, out _));
        Assert.Equal(unpacked.ProposalHash, ProposalResponsePayload.Parser.ParseFrom(response.Payload).ProposalHash.ToByteArray());
    }

    [Fact]
    public async Task A_query_is_served_from_the_joined_channel_world_state()
    {
        await _host.Ledger.State.ApplyUpdatesAsync(Seed("asset9", "ann"), new Ledger.State.Height(1, 0));

        ProposalResponse response = await _host.Client.ProcessProposalAsync(
            new ProposalBuilder(_host.Network.Org1Client, "basic", "ReadAsset", "asset9").Build());

        Assert.True(response.Response.Status == 200, response.Response.Message);
        using JsonDocument asset = JsonDocument.Parse(response.Response.Payload.ToStringUtf8());
        Assert.Equal("ann", asset.RootElement.GetProperty("Owner").GetString());
    }

    [Fact]
    public async Task A_proposal_for_a_channel_the_peer_has_not_joined_is_a_500_response_not_a_gRPC_error()
    {
        var builder = new ProposalBuilder(_host.Network.Org1Client, "basic", "ReadAsset", "asset1") { ChannelId = "otherchannel" };

        ProposalResponse response = await _host.Client.ProcessProposalAsync(builder.Build());

        Assert.Equal(500, response.Response.Status);
        Assert.Contains("otherchannel", response.Response.Message);
        Assert.Null(response.Endorsement);
    }

    [Fact]
    public async Task A_chaincode_missing_from_the_configured_table_is_refused_as_Fabric_words_it()
    {
        ProposalResponse response = await _host.Client.ProcessProposalAsync(
            new ProposalBuilder(_host.Network.Org1Client, "marbles", "ReadMarble", "m1").Build());

        Assert.Equal(500, response.Response.Status);
        Assert.StartsWith("make sure the chaincode marbles has been successfully defined on channel mychannel", response.Response.Message);
    }

    private static Ledger.State.UpdateBatch Seed(string id, string owner)
    {
        var batch = new Ledger.State.UpdateBatch();
        batch.Put("basic", id, JsonSerializer.SerializeToUtf8Bytes(new { ID = id, Color = "red", Size = 1, Owner = owner, AppraisedValue = 2, docType = "asset" }), new Ledger.State.Height(1, 0));
        return batch;
    }
}
