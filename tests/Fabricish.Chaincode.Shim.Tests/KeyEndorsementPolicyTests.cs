using Fabricish.Chaincode.Shim.StateBased;
using Fabricish.Protos.Common;
using Fabricish.Protos.Msp;
using Fabricish.Protos.Peer;
using Google.Protobuf;
using MessageType = Fabricish.Protos.Peer.ChaincodeMessage.Types.Type;

namespace Fabricish.Chaincode.Shim.Tests;

public sealed class KeyEndorsementPolicyTests
{
    [Fact]
    public void A_one_org_peer_policy_marshals_to_the_bytes_of_fabrics_stateEP()
    {
        var policy = new KeyEndorsementPolicy();
        policy.AddOrgs(RoleType.Peer, "Org2MSP");

        // Hand-assembled from fabric-chaincode-go statebased.policyFromMSPIDs: rule NOutOf{n:1, rules:[SignedBy 0]}
        // (field 2 of SignaturePolicy; a set oneof default is still written), one ROLE principal (classification 0 omitted) MSPRole{Org2MSP, PEER=3}.
        Assert.Equal(
            "120812060801120208001a0d120b0a074f7267324d53501003",
            Convert.ToHexStringLower(policy.Policy()));
    }

    [Fact]
    public void Organizations_are_sorted_by_msp_id_and_each_must_sign()
    {
        var policy = new KeyEndorsementPolicy();
        policy.AddOrgs(RoleType.Member, "Org3MSP", "Org1MSP");
        policy.AddOrgs(RoleType.Peer, "Org2MSP");
        policy.DelOrgs("Org3MSP");

        var envelope = SignaturePolicyEnvelope.Parser.ParseFrom(policy.Policy());
        Assert.Equal(2, envelope.Rule.NOutOf.N);
        Assert.Equal([0, 1], envelope.Rule.NOutOf.Rules.Select(r => r.SignedBy));
        var roles = envelope.Identities.Select(i => MSPRole.Parser.ParseFrom(i.Principal)).Select(r => (r.MspIdentifier, r.Role));
        Assert.Equal([("Org1MSP", MSPRole.Types.MSPRoleType.Member), ("Org2MSP", MSPRole.Types.MSPRoleType.Peer)], roles);
        Assert.Equal(["Org1MSP", "Org2MSP"], policy.ListOrgs());
    }

    [Fact]
    public void A_policy_read_back_from_its_bytes_keeps_its_organizations_and_roles()
    {
        var original = new KeyEndorsementPolicy();
        original.AddOrgs(RoleType.Peer, "Org1MSP", "Org2MSP");

        var copy = new KeyEndorsementPolicy(original.Policy());
        copy.AddOrgs(RoleType.Member, "Org3MSP");
        copy.DelOrgs("Org3MSP");

        Assert.Equal(original.Policy(), copy.Policy());
    }

    [Fact]
    public void Bytes_that_are_no_signature_policy_are_refused()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => new KeyEndorsementPolicy([0xff, 0xff]));
        Assert.Contains("Error unmarshaling to SignaturePolicy", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetStateValidationParameter_sends_PUT_STATE_METADATA_and_Get_reads_the_VALIDATION_PARAMETER_entry()
    {
        byte[] ep = [1, 2, 3];
        byte[]? readBack = null;
        var chaincode = new DelegateChaincode(async stub =>
        {
            await stub.SetStateValidationParameterAsync("asset1", ep);
            await stub.SetPrivateDataValidationParameterAsync("coll", "asset2", ep);
            readBack = await stub.GetStateValidationParameterAsync("asset1");
            byte[]? none = await stub.GetPrivateDataValidationParameterAsync("coll", "asset2");
            return Shim.Success(none is null ? "none" : "some");
        });
        await using ChaincodeServer server = await TestServers.StartAsync(chaincode);
        await using FakePeer peer = FakePeer.Connect(server);
        await peer.HandshakeAsync();
        await peer.StartAsync("tx1", "f");

        PutStateMetadata put = PutStateMetadata.Parser.ParseFrom((await peer.ExpectAsync(MessageType.PutStateMetadata, "tx1")).Payload);
        Assert.Equal(("", "asset1", "VALIDATION_PARAMETER", "010203"), (put.Collection, put.Key, put.Metadata.Metakey, Convert.ToHexStringLower(put.Metadata.Value.Span)));
        await peer.RespondAsync("tx1", ByteString.Empty);
        PutStateMetadata putPrivate = PutStateMetadata.Parser.ParseFrom((await peer.ExpectAsync(MessageType.PutStateMetadata, "tx1")).Payload);
        Assert.Equal(("coll", "asset2"), (putPrivate.Collection, putPrivate.Key));
        await peer.RespondAsync("tx1", ByteString.Empty);

        GetStateMetadata get = GetStateMetadata.Parser.ParseFrom((await peer.ExpectAsync(MessageType.GetStateMetadata, "tx1")).Payload);
        Assert.Equal(("", "asset1"), (get.Collection, get.Key));
        var result = new StateMetadataResult();
        result.Entries.Add(new StateMetadata { Metakey = "OTHER", Value = ByteString.CopyFromUtf8("x") });
        result.Entries.Add(new StateMetadata { Metakey = "VALIDATION_PARAMETER", Value = ByteString.CopyFrom(ep) });
        await peer.RespondAsync("tx1", result.ToByteString());
        GetStateMetadata getPrivate = GetStateMetadata.Parser.ParseFrom((await peer.ExpectAsync(MessageType.GetStateMetadata, "tx1")).Payload);
        Assert.Equal(("coll", "asset2"), (getPrivate.Collection, getPrivate.Key));
        await peer.RespondAsync("tx1", ByteString.Empty);

        Assert.Equal("none", (await peer.ExpectCompletedAsync("tx1")).Payload.ToStringUtf8());
        Assert.Equal(ep, readBack);
    }

    [Fact]
    public void The_metakey_is_the_proto_name_of_MetaDataKeys_VALIDATION_PARAMETER()
    {
        string protoName = System.Reflection.CustomAttributeExtensions.GetCustomAttribute<Google.Protobuf.Reflection.OriginalNameAttribute>(
            typeof(MetaDataKeys).GetField(nameof(MetaDataKeys.ValidationParameter))!)!.Name;
        Assert.Equal(protoName, ChaincodeStubMetakey());
    }

    private static string ChaincodeStubMetakey() =>
        typeof(IChaincodeStub).Assembly.GetType("Fabricish.Chaincode.Shim.ChaincodeStub")!
            .GetField("ValidationParameterMetakey")!.GetRawConstantValue()!.ToString()!;
}
