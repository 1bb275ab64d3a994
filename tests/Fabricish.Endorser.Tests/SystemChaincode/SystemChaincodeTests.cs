using Fabricish.Channels.Msp;
using Fabricish.Protos.Peer;

namespace Fabricish.Endorser.Tests.SystemChaincode;

public sealed class SystemChaincodeTests : IAsyncDisposable
{
    private readonly EndorsingPeer _peer = new();
    private readonly SigningIdentity _admin;
    private readonly Endorser _endorser;

    public SystemChaincodeTests()
    {
        _admin = _peer.Network.Org1.Identity("Admin@org1.example.com", NodeRole.Admin);
        _endorser = new Endorser(_peer.Channels, _peer.Registry, _peer.Support, _peer.Network.Org1Peer,
            systemChaincodes: [new EchoSystemChaincode()], localAdmins: new SingleAdmin(_admin, _peer.Channels.Channel.Config.Msps));
    }

    [Fact]
    public async Task A_channel_less_function_runs_for_a_local_admin_and_is_answered_without_endorsement()
    {
        ProposalResponse response = await _endorser.ProcessProposalAsync(new ProposalBuilder(_admin, "_echo", "Local", "x") { ChannelId = "" }.Build());

        Assert.Equal(200, response.Response.Status);
        Assert.Equal("Local@", response.Response.Payload.ToStringUtf8());
        Assert.Null(response.Endorsement);
    }

    [Fact]
    public async Task A_channel_less_proposal_from_a_non_admin_or_for_another_function_is_refused()
    {
        ProposalResponse byClient = await _endorser.ProcessProposalAsync(new ProposalBuilder(_peer.Network.Org1Client, "_echo", "Local", "x") { ChannelId = "" }.Build());
        Assert.Equal(500, byClient.Response.Status);
        Assert.Contains("access denied for [_echo/Local]", byClient.Response.Message, StringComparison.Ordinal);

        ProposalResponse otherFunction = await _endorser.ProcessProposalAsync(new ProposalBuilder(_admin, "_echo", "Put", "x") { ChannelId = "" }.Build());
        Assert.Equal("channel '' not found", otherFunction.Response.Message);
    }

    [Fact]
    public async Task A_channel_proposal_is_simulated_and_endorsed_with_the_system_chaincode_version()
    {
        ProposalResponse response = await _endorser.ProcessProposalAsync(new ProposalBuilder(_peer.Network.Org1Client, "_echo", "Put", "value").Build());

        Assert.Equal(200, response.Response.Status);
        Assert.NotNull(response.Endorsement);
        var action = ChaincodeAction.Parser.ParseFrom(ProposalResponsePayload.Parser.ParseFrom(response.Payload).Extension);
        Assert.Equal(new ChaincodeID { Name = "_echo", Version = Endorser.SystemChaincodeVersion }, action.ChaincodeId);
        Assert.Equal("value", TestRwSet(action).ToStringUtf8());
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _peer.DisposeAsync();
    }

    private static Google.Protobuf.ByteString TestRwSet(ChaincodeAction action)
    {
        var rwset = Protos.Ledger.Rwset.TxReadWriteSet.Parser.ParseFrom(action.Results);
        var kv = Protos.Ledger.Rwset.Kvrwset.KVRWSet.Parser.ParseFrom(rwset.NsRwset.Single(n => n.Namespace == "_echo").Rwset);
        return kv.Writes.Single(w => w.Key == "key").Value;
    }
}
