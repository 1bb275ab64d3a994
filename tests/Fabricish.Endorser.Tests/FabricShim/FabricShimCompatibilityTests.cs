using Fabricish.Endorser.Chaincode;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Endorser.Tests.FabricShim;

/// <summary>Fabric's own Node chaincode library (fabric-shim 2.5.8 with fabric-contract-api, in server mode) driven by
/// the Fabricish endorser: the same proposals give the same responses and byte-identical chaincode actions
/// (read-write sets, events, response) as the C# asset-transfer sample, and the shim, which exits on any message it
/// does not expect, keeps running.</summary>
public sealed class FabricShimCompatibilityTests : IAsyncLifetime
{
    /// <summary>Each step runs on both peers; a block number commits its writes as that block on both.</summary>
    private static readonly (string[] Args, int Status, ulong? Block)[] Scenario =
    [
        (["CreateAsset", "asset1", "blue", "5", "tom", "300"], 200, 1),
        (["CreateAsset", "asset2", "red", "6", "ann", "400"], 200, 2),
        (["CreateAsset", "asset1", "green", "1", "bob", "9"], 500, null),
        (["ReadAsset", "asset1"], 200, null),
        (["ReadAsset", "ghost"], 500, null),
        (["AssetExists", "asset2"], 200, null),
        (["AssetExists", "ghost"], 200, null),
        (["TransferAsset", "asset1", "jerry"], 200, 3),
        (["ReadAsset", "asset1"], 200, null),
        (["UpdateAsset", "asset2", "red", "7", "ann", "450"], 200, 4),
        (["CreateAsset", "asset3", "white", "2", "jerry", "50"], 200, 5),
        (["GetAllAssets"], 200, null),
        (["QueryAssetsByOwner", "jerry"], 200, null),
        (["QueryAssetsByOwner", "nobody"], 200, null),
        (["DeleteAsset", "asset3"], 200, 6),
        (["GetAllAssets"], 200, null),
        (["NoSuchFunction"], 500, null),
    ];

    private readonly EndorsingPeer _csharp = new();
    private readonly EndorsingPeer _node = new();
    private NodeChaincodeProcess? _chaincode;

    public async Task InitializeAsync()
    {
        await _csharp.DeployAsync("basic", EndorsingPeer.AssetTransfer());
        _chaincode = await NodeChaincodeProcess.StartAsync("basic_1.0:" + Guid.NewGuid().ToString("N"));
        _node.Registry.Add(new ChaincodeDefinition("basic", "1.0", _chaincode.PackageId, _chaincode.Address));
    }

    public async Task DisposeAsync()
    {
        await _csharp.DisposeAsync();
        await _node.DisposeAsync();
        _chaincode?.Dispose();
    }

    [Fact]
    public async Task The_fabric_shim_chaincode_gives_the_same_responses_and_read_write_sets_as_the_CSharp_sample()
    {
        foreach ((string[] args, int status, ulong? block) in Scenario)
        {
            string step = string.Join(' ', args);
            ProposalResponse expected = await _csharp.ProposeAsync("basic", args);
            ProposalResponse actual = await _node.ProposeAsync("basic", args);

            Assert.True(expected.Response.Status == status, $"{step}: C# sample answered {expected.Response.Status} {expected.Response.Message}");
            Assert.Equal((step, expected.Response.Status, expected.Response.Message, expected.Response.Payload.ToStringUtf8()), (step, actual.Response.Status, actual.Response.Message, actual.Response.Payload.ToStringUtf8()));
            Assert.Equal((step, expected.Endorsement is null), (step, actual.Endorsement is null));
            Assert.Equal((step, Convert.ToHexString(ActionBytes(expected))), (step, Convert.ToHexString(ActionBytes(actual))));
            if (block is { } number)
            {
                await _csharp.CommitAsync(expected, number);
                await _node.CommitAsync(actual, number);
            }
        }

        Assert.False(_chaincode!.HasExited, _chaincode.Log);
    }

    [Fact]
    public async Task Concurrent_transactions_on_one_stream_never_send_the_shim_a_message_it_does_not_expect()
    {
        await _node.CommitAsync(await _node.ProposeAsync("basic", "CreateAsset", "asset1", "blue", "5", "tom", "300"), 1);

        ProposalResponse[] responses = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => i % 2 == 0
            ? _node.ProposeAsync("basic", "TransferAsset", "asset1", "owner" + i)
            : _node.ProposeAsync("basic", "GetAllAssets")));
        ProposalResponse after = await _node.ProposeAsync("basic", "AssetExists", "asset1");

        Assert.All(responses, r => Assert.True(r.Response.Status == 200, r.Response.Message));
        Assert.Equal("true", after.Response.Payload.ToStringUtf8());
        Assert.False(_chaincode!.HasExited, _chaincode.Log);
        Assert.DoesNotContain("unknown message", _chaincode.Log, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("can only process messages", _chaincode.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("Failed to find a message for transaction context", _chaincode.Log, StringComparison.Ordinal);
    }

    /// <summary>Everything the peer endorses except the proposal hash, which differs because each peer's network
    /// has its own client certificate.</summary>
    /// <summary>The chaincode action, with the event's txid cleared: the two peers answer different proposals, so
    /// only that differs by design.</summary>
    private static byte[] ActionBytes(ProposalResponse response)
    {
        if (response.Payload.IsEmpty)
        {
            return [];
        }

        ChaincodeAction action = ChaincodeAction.Parser.ParseFrom(ProposalResponsePayload.Parser.ParseFrom(response.Payload).Extension);
        if (!action.Events.IsEmpty)
        {
            ChaincodeEvent chaincodeEvent = ChaincodeEvent.Parser.ParseFrom(action.Events);
            Assert.False(string.IsNullOrEmpty(chaincodeEvent.TxId));
            chaincodeEvent.TxId = string.Empty;
            action.Events = chaincodeEvent.ToByteString();
        }

        return action.ToByteArray();
    }
}
