using System.Text;
using Fabricish.Protos.Msp;
using Fabricish.Protos.Peer;
using MessageType = Fabricish.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Fabricish.Chaincode.Shim.Tests;

public sealed class ProposalStubTests
{
    [Fact]
    public async Task Stub_ExposesCreatorTransientTimestampAndArgs_FromTheTransactionMessage()
    {
        byte[] creator = TestIdentities.Creator("Org1MSP", "User1@org1.example.com");
        var timestamp = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);
        SignedProposal proposal = TestIdentities.Proposal(creator, timestamp, new Dictionary<string, byte[]> { ["secret"] = Encoding.UTF8.GetBytes("s3") });
        var chaincode = new DelegateChaincode(stub =>
        {
            (string function, IReadOnlyList<string> parameters) = stub.GetFunctionAndParameters();
            string msp = SerializedIdentity.Parser.ParseFrom(stub.GetCreator()).Mspid;
            string secret = Encoding.UTF8.GetString(stub.GetTransient()["secret"]);
            return Task.FromResult(Shim.Success(
                $"{function}({string.Join("|", parameters)}) {msp} {secret} {stub.GetTxTimestamp():O} {stub.GetChannelId()} {stub.GetBinding().Length}"));
        });
        await using ChaincodeServer server = await TestServers.StartAsync(chaincode);
        await using FakePeer peer = FakePeer.Connect(server);
        await peer.HandshakeAsync();

        await peer.StartAsync("tx1", MessageType.Transaction, proposal, "transfer", "a1", "Bob");

        Assert.Equal(
            "transfer(a1|Bob) Org1MSP s3 2024-05-06T07:08:09.0000000+00:00 mychannel 32",
            (await peer.ExpectCompletedAsync("tx1")).Payload.ToStringUtf8());
    }
}
