using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Fabricish.Chaincode.Shim;
using Fabricish.Channels.Crypto;
using Fabricish.Endorser.Chaincode;
using Fabricish.Endorser.Validation;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Ledger.Rwset.Kvrwset;
using Fabricish.Protos.Peer;
using Fabricish.Testing.Infra;
using Google.Protobuf;

namespace Fabricish.Endorser.Tests;

/// <summary>The endorser against real chaincode servers (the asset-transfer sample and test chaincodes) over gRPC.</summary>
public sealed class EndorserEndToEndTests : IAsyncLifetime
{
    private readonly EndorsingPeer _peer = new();
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Lets a hanging transaction finish so its server can stop.
        _release.TrySetResult();
        await _peer.DisposeAsync();
    }

    [Fact]
    public async Task CreateAsset_then_ReadAsset_are_endorsed_with_the_committed_versions_in_the_read_set()
    {
        await _peer.DeployAsync("basic", EndorsingPeer.AssetTransfer());

        ProposalResponse created = await _peer.ProposeAsync("basic", "CreateAsset", "asset1", "blue", "5", "tom", "300");

        Assert.True(created.Response.Status == 200, created.Response.Message);
        Assert.NotNull(created.Endorsement);
        ChaincodeAction createAction = Action(created);
        Assert.Equal(("basic", "1.0"), (createAction.ChaincodeId.Name, createAction.ChaincodeId.Version));
        KVRWSet createSet = Set(createAction);
        Assert.Equal("asset1@-", Assert.Single(createSet.Reads, r => r.Key == "asset1") is { } read ? $"{read.Key}@{(read.Version is null ? "-" : "v")}" : null);
        Assert.Contains(createSet.Writes, w => w.Key == "asset1" && !w.IsDelete);

        await _peer.CommitAsync(created, block: 1);
        ProposalResponse read1 = await _peer.ProposeAsync("basic", "ReadAsset", "asset1");

        Assert.True(read1.Response.Status == 200, read1.Response.Message);
        using JsonDocument asset = JsonDocument.Parse(read1.Response.Payload.ToStringUtf8());
        Assert.Equal("tom", asset.RootElement.GetProperty("Owner").GetString());
        KVRead committed = Assert.Single(Set(Action(read1)).Reads);
        Assert.Equal(("asset1", 1UL, 0UL), (committed.Key, committed.Version.BlockNum, committed.Version.TxNum));
        Assert.Empty(Set(Action(read1)).Writes);
    }

    [Fact]
    public async Task The_endorsement_signs_payload_and_endorser_with_the_peer_key_and_binds_the_proposal_hash()
    {
        await _peer.DeployAsync("basic", EndorsingPeer.AssetTransfer());
        SignedProposal proposal = new ProposalBuilder(_peer.Network.Org1Client, "basic", "CreateAsset", "asset7", "red", "1", "ann", "9").Build();

        ProposalResponse response = await _peer.Endorser.ProcessProposalAsync(proposal);

        Assert.True(response.Response.Status == 200, response.Response.Message);
        Assert.Equal(_peer.Network.Org1Peer.Serialize(), response.Endorsement.Endorser.ToByteArray());
        using ECDsa publicKey = _peer.Network.Org1Peer.Certificate.GetECDsaPublicKey()!;
        byte[] signed = [.. response.Payload.ToByteArray(), .. response.Endorsement.Endorser.ToByteArray()];
        Assert.True(Signatures.Verify(publicKey, signed, response.Endorsement.Signature.Span));
        signed[0] ^= 1;
        Assert.False(Signatures.Verify(publicKey, signed, response.Endorsement.Signature.Span));
        Assert.True(ProposalValidator.TryUnpack(proposal, out UnpackedProposal? unpacked, out _));
        Assert.Equal(unpacked.ProposalHash, ProposalResponsePayload.Parser.ParseFrom(response.Payload).ProposalHash.ToByteArray());
    }

    [Fact]
    public async Task A_chaincode_error_comes_back_unendorsed_with_the_chaincode_message()
    {
        await _peer.DeployAsync("basic", EndorsingPeer.AssetTransfer());

        ProposalResponse missing = await _peer.ProposeAsync("basic", "ReadAsset", "ghost");

        Assert.Equal(500, missing.Response.Status);
        Assert.Contains("the asset ghost does not exist", missing.Response.Message);
        Assert.Null(missing.Endorsement);
    }

    [Fact]
    public async Task A_chaincode_not_defined_on_the_channel_is_refused_as_Fabric_words_it()
    {
        ProposalResponse response = await _peer.ProposeAsync("nosuch", "f");

        Assert.Equal(500, response.Response.Status);
        Assert.Equal("make sure the chaincode nosuch has been successfully defined on channel mychannel and try again: chaincode nosuch not found", response.Response.Message);
    }

    [Fact]
    public async Task A_transaction_that_never_returns_times_out_while_other_calls_on_the_same_stream_still_succeed()
    {
        await _peer.DeployAsync("sleepy", new DelegateChaincode(async stub =>
        {
            if (stub.GetFunctionAndParameters().Function == "hang")
            {
                await _release.Task;
            }

            return Shim.Success("pong");
        }));
        await _peer.DeployAsync("basic", EndorsingPeer.AssetTransfer());
        var hanging = new ProposalBuilder(_peer.Network.Org1Client, "sleepy", "hang");

        Task<ProposalResponse> hung = _peer.Endorser.ProcessProposalAsync(hanging.Build());
        ProposalResponse other = await _peer.ProposeAsync("basic", "CreateAsset", "asset1", "blue", "5", "tom", "300");
        ProposalResponse timedOut = await hung;
        ProposalResponse ping = await _peer.ProposeAsync("sleepy", "ping");

        Assert.Equal(500, timedOut.Response.Status);
        Assert.Equal($"error in simulation: failed to execute transaction {hanging.ExpectedTxId}: timeout expired while executing transaction", timedOut.Response.Message);
        Assert.True(other.Response.Status == 200, other.Response.Message);
        Assert.True(ping.Response.Status == 200, ping.Response.Message);
        Assert.Equal("pong", ping.Response.Payload.ToStringUtf8());
    }

    [Fact]
    public async Task A_stopped_chaincode_gives_an_error_response_and_service_resumes_once_it_is_back()
    {
        int port = FreePorts.Take();
        ChaincodeServer first = await _peer.DeployAsync("basic", EndorsingPeer.AssetTransfer(), port);
        ProposalResponse before = await _peer.ProposeAsync("basic", "AssetExists", "asset1");
        Assert.True(before.Response.Status == 200, before.Response.Message);

        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await first.StopAsync(stop.Token);
        }

        ProposalResponse down = await _peer.ProposeAsync("basic", "AssetExists", "asset1");
        await _peer.StartServerAsync(first.ChaincodeId, port, EndorsingPeer.AssetTransfer());
        ProposalResponse after = await ProposeUntilServedAsync("basic", "AssetExists", "asset1");

        Assert.Equal(500, down.Response.Status);
        Assert.StartsWith("error in simulation: failed to execute transaction ", down.Response.Message);
        Assert.Null(down.Endorsement);
        Assert.True(after.Response.Status == 200, after.Response.Message);
        Assert.Equal("false", after.Response.Payload.ToStringUtf8());
    }

    [Fact]
    public async Task While_a_chaincode_is_unreachable_proposals_fail_at_once_and_service_resumes_when_it_listens_again()
    {
        int port = FreePorts.Take();
        string packageId = $"basic_1.0:{Guid.NewGuid():N}";
        _peer.Registry.Add(new ChaincodeDefinition("basic", "1.0", packageId, $"127.0.0.1:{port}"));

        // The first request waits for the first dial (refused), the ones after it must not wait at all.
        ProposalResponse first = await _peer.ProposeAsync("basic", "AssetExists", "asset1");
        ProposalResponse[] burst = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => _peer.ProposeAsync("basic", "AssetExists", "asset1")));

        Assert.Equal(500, first.Response.Status);
        Assert.All(burst, r =>
        {
            Assert.Equal(500, r.Response.Status);
            Assert.Contains($"could not launch chaincode {packageId}: 127.0.0.1:{port} is unreachable", r.Response.Message, StringComparison.Ordinal);
        });

        await _peer.StartServerAsync(packageId, port, EndorsingPeer.AssetTransfer());
        ProposalResponse after = await ProposeUntilServedAsync("basic", "AssetExists", "asset1");
        Assert.True(after.Response.Status == 200, after.Response.Message);
    }

    [Fact]
    public async Task Range_and_rich_queries_are_served_to_the_chaincode_and_the_range_is_recorded_for_phantom_checks()
    {
        await _peer.DeployAsync("basic", EndorsingPeer.AssetTransfer());
        await _peer.CommitAsync(await _peer.ProposeAsync("basic", "CreateAsset", "asset1", "blue", "5", "tom", "300"), block: 1);
        await _peer.CommitAsync(await _peer.ProposeAsync("basic", "CreateAsset", "asset2", "red", "6", "ann", "400"), block: 2);

        ProposalResponse all = await _peer.ProposeAsync("basic", "GetAllAssets");
        ProposalResponse toms = await _peer.ProposeAsync("basic", "QueryAssetsByOwner", "tom");

        Assert.True(all.Response.Status == 200, all.Response.Message);
        using JsonDocument assets = JsonDocument.Parse(all.Response.Payload.ToStringUtf8());
        Assert.Equal(["asset1", "asset2"], assets.RootElement.EnumerateArray().Select(a => a.GetProperty("ID").GetString()));
        RangeQueryInfo range = Assert.Single(Set(Action(all)).RangeQueriesInfo);
        Assert.True(range.ItrExhausted);
        Assert.Equal(["asset1@1", "asset2@2"], range.RawReads.KvReads.Select(r => $"{r.Key}@{r.Version.BlockNum}"));
        Assert.True(toms.Response.Status == 200, toms.Response.Message);
        using JsonDocument owned = JsonDocument.Parse(toms.Response.Payload.ToStringUtf8());
        Assert.Equal(["asset1"], owned.RootElement.EnumerateArray().Select(a => a.GetProperty("ID").GetString()));
    }

    [Fact]
    public async Task A_chaincode_can_invoke_another_on_the_same_channel_within_one_read_write_set()
    {
        await _peer.DeployAsync("basic", EndorsingPeer.AssetTransfer());
        await _peer.DeployAsync("caller", new DelegateChaincode(async stub =>
        {
            Response callee = await stub.InvokeChaincodeAsync("basic", [.. new[] { "CreateAsset", "asset9", "green", "1", "bob", "5" }.Select(Encoding.UTF8.GetBytes)]);
            await stub.PutStateAsync("calls", Encoding.UTF8.GetBytes("1"));
            return callee.Status == 200 ? Shim.Success("called") : Shim.Error("callee failed: " + callee.Message);
        }));

        ProposalResponse response = await _peer.ProposeAsync("caller", "go");

        Assert.True(response.Response.Status == 200, response.Response.Message);
        TxReadWriteSet results = TxReadWriteSet.Parser.ParseFrom(Action(response).Results);
        Assert.Equal(["basic", "caller"], results.NsRwset.Select(n => n.Namespace));
        Assert.Contains(KVRWSet.Parser.ParseFrom(results.NsRwset[0].Rwset).Writes, w => w.Key == "asset9");
    }

    private static ChaincodeAction Action(ProposalResponse response) =>
        ChaincodeAction.Parser.ParseFrom(ProposalResponsePayload.Parser.ParseFrom(response.Payload).Extension);

    private static KVRWSet Set(ChaincodeAction action) =>
        KVRWSet.Parser.ParseFrom(TxReadWriteSet.Parser.ParseFrom(action.Results).NsRwset.Single(n => n.Namespace == "basic").Rwset);

    /// <summary>Proposes until the chaincode answers (the peer reconnects in the background, with backoff), for at
    /// most 20 s; the last response.</summary>
    private async Task<ProposalResponse> ProposeUntilServedAsync(string chaincode, params string[] args)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            ProposalResponse response = await _peer.ProposeAsync(chaincode, args);
            if (response.Response.Status == 200 || DateTime.UtcNow > deadline)
            {
                return response;
            }

            await Task.Delay(100);
        }
    }
}
