using System.Text;
using System.Text.RegularExpressions;
using Fabricish.Chaincode.Shim.Contracts;
using Fabricish.Endorser.Chaincode;
using Fabricish.Protos.Ledger.Rwset;
using Fabricish.Protos.Peer;
using Fabricish.Samples.PrivateData;
using Google.Protobuf;

namespace Fabricish.Endorser.Tests.FabricShim;

/// <summary>Fabric's own Node chaincode library (fabric-shim 2.5.8) using the private data API — getTransient,
/// putPrivateData, getPrivateData, getPrivateDataHash, deletePrivateData — driven by the Fabricish endorser: the
/// same proposals give the same responses, byte-identical chaincode actions (hashed read-write sets) and
/// byte-identical private write sets as the C# samples/privatedata contract.</summary>
public sealed partial class FabricShimPrivateDataCompatibilityTests : IAsyncLifetime
{
    private const string Chaincode = "secrets";
    private static readonly Dictionary<string, byte[]> Secret = new() { ["secret"] = Encoding.UTF8.GetBytes("the recipe") };
    private static readonly Dictionary<string, byte[]> NoTransient = [];

    /// <summary>Each step runs on both peers; a block number commits its writes (and private writes) on both.</summary>
    private static readonly (string[] Args, Dictionary<string, byte[]> Transient, int Status, ulong? Block)[] Scenario =
    [
        (["CreateSecret", "Org1Secrets", "s1"], Secret, 200, 1),
        (["CreateSecret", "Org1Secrets", "s1"], Secret, 500, null),
        (["CreateSecret", "SharedSecrets", "s2"], NoTransient, 500, null),
        (["CreateSecret", "SharedSecrets", "s2"], Secret, 200, 2),
        (["ReadSecret", "Org1Secrets", "s1"], NoTransient, 200, null),
        (["ReadSecret", "SharedSecrets", "s2"], NoTransient, 200, null),
        (["SecretHash", "SharedSecrets", "s2"], NoTransient, 200, null),
        (["ReadSecret", "Org1Secrets", "ghost"], NoTransient, 500, null),
        (["ReadSecret", "NoSuchCollection", "s1"], NoTransient, 500, null),
        (["DeleteSecret", "Org1Secrets", "s1"], NoTransient, 200, 3),
        (["SecretHash", "Org1Secrets", "s1"], NoTransient, 500, null),
    ];

    private readonly RecordingPrivateData _csharpPrivate = new(Chaincode);
    private readonly RecordingPrivateData _nodePrivate = new(Chaincode);
    private readonly EndorsingPeer _csharp;
    private readonly EndorsingPeer _node;
    private NodeChaincodeProcess? _chaincode;

    public FabricShimPrivateDataCompatibilityTests()
    {
        _csharp = new EndorsingPeer(privateData: _csharpPrivate);
        _node = new EndorsingPeer(privateData: _nodePrivate);
    }

    public async Task InitializeAsync()
    {
        await _csharp.DeployAsync(Chaincode, new ContractChaincode([new PrivateSecretsContract()], "privatedata", "1.0.0"));
        _chaincode = await NodeChaincodeProcess.StartAsync(Chaincode + "_1.0:" + Guid.NewGuid().ToString("N"));
        _node.Registry.Add(new ChaincodeDefinition(Chaincode, "1.0", _chaincode.PackageId, _chaincode.Address));
    }

    public async Task DisposeAsync()
    {
        await _csharp.DisposeAsync();
        await _node.DisposeAsync();
        _chaincode?.Dispose();
    }

    [Fact]
    public async Task The_fabric_shim_chaincode_gives_the_same_responses_hashed_read_write_sets_and_private_write_sets_as_the_CSharp_sample()
    {
        foreach ((string[] args, Dictionary<string, byte[]> transient, int status, ulong? block) in Scenario)
        {
            string step = string.Join(' ', args);
            ProposalResponse expected = await _csharp.ProposeAsync(Chaincode, transient, args);
            TxPvtReadWriteSet? expectedPrivate = _csharpPrivate.Take();
            ProposalResponse actual = await _node.ProposeAsync(Chaincode, transient, args);
            TxPvtReadWriteSet? actualPrivate = _nodePrivate.Take();

            Assert.True(expected.Response.Status == status, $"{step}: C# sample answered {expected.Response.Status} {expected.Response.Message}");
            Assert.Equal(
                (step, expected.Response.Status, WithoutTxId(expected.Response.Message), expected.Response.Payload.ToStringUtf8()),
                (step, actual.Response.Status, WithoutTxId(actual.Response.Message), actual.Response.Payload.ToStringUtf8()));
            Assert.Equal((step, expected.Endorsement is null), (step, actual.Endorsement is null));
            Assert.Equal((step, Convert.ToHexString(ActionBytes(expected))), (step, Convert.ToHexString(ActionBytes(actual))));
            Assert.Equal((step, Convert.ToHexString(expectedPrivate?.ToByteArray() ?? [])), (step, Convert.ToHexString(actualPrivate?.ToByteArray() ?? [])));
            Assert.Equal((step, expected.Interest), (step, actual.Interest));
            if (block is { } number)
            {
                Assert.True(expectedPrivate is not null || args[0] == "DeleteSecret", $"{step}: no private write set");
                await _csharp.CommitAsync(expected, number, expectedPrivate);
                await _node.CommitAsync(actual, number, actualPrivate);
            }
        }

        Assert.False(_chaincode!.HasExited, _chaincode.Log);
    }

    /// <summary>The peer's error names the transaction, which differs between the two peers' proposals by design.</summary>
    private static string WithoutTxId(string message) => TxIdPattern().Replace(message, "transaction ID: <txid>");

    [GeneratedRegex("transaction ID: [0-9a-f]+")]
    private static partial Regex TxIdPattern();

    /// <summary>The chaincode action, with the transaction id left out of an error's message.</summary>
    private static byte[] ActionBytes(ProposalResponse response)
    {
        if (response.Payload.IsEmpty)
        {
            return [];
        }

        ChaincodeAction action = ChaincodeAction.Parser.ParseFrom(ProposalResponsePayload.Parser.ParseFrom(response.Payload).Extension);
        if (action.Response is { } answer)
        {
            answer.Message = WithoutTxId(answer.Message);
        }

        return action.ToByteArray();
    }
}
