using System.Security.Cryptography;
using Fabricish.Channels.Msp;
using Fabricish.Committer.Tests.Support;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Google.Protobuf;

namespace Fabricish.Committer.Tests;

/// <summary>CONFIG transactions: adopted after their block commits when the update carries enough admin
/// signatures, INVALID_CONFIG_TRANSACTION otherwise.</summary>
public sealed class ConfigTransactionTests
{
    private static TestNetwork Net => TestNetwork.Shared;

    [Fact]
    public async Task A_config_update_signed_by_a_majority_of_admins_is_valid_and_becomes_the_channel_config()
    {
        var chain = new TestChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain);

        BlockCommitResult result = await peer.CommitAsync(chain.Cut(ConfigTx(Net.Org1Admin, Net.Org2Admin)));

        Assert.Equal([TxValidationCode.Valid], result.Codes);
        Assert.Equal(1UL, peer.Config.Current.Sequence);
    }

    [Fact]
    public async Task A_config_update_signed_by_one_of_two_admins_is_INVALID_CONFIG_TRANSACTION_and_not_adopted()
    {
        var chain = new TestChain();
        using TestPeer peer = await TestPeer.JoinedAsync(chain);

        BlockCommitResult result = await peer.CommitAsync(chain.Cut(ConfigTx(Net.Org1Admin)));

        Assert.Equal([TxValidationCode.InvalidConfigTransaction], result.Codes);
        Assert.Equal(0UL, peer.Config.Current.Sequence);
    }

    private static Envelope ConfigTx(params SigningIdentity[] admins)
    {
        Protos.Common.Config next = Net.Config.CloneConfig();
        next.Sequence++;
        ByteString update = new ConfigUpdate { ChannelId = TestNetwork.ChannelId, ReadSet = new ConfigGroup(), WriteSet = new ConfigGroup() }.ToByteString();
        var updateEnvelope = new ConfigUpdateEnvelope { ConfigUpdate = update };
        foreach (SigningIdentity admin in admins)
        {
            ByteString header = SignatureHeaderOf(admin);
            updateEnvelope.Signatures.Add(new ConfigSignature { SignatureHeader = header, Signature = ByteString.CopyFrom(admin.Sign([.. header.Span, .. update.Span])) });
        }

        Envelope lastUpdate = Signed(admins[0], HeaderType.ConfigUpdate, updateEnvelope.ToByteString());
        return Signed(Net.Orderer, HeaderType.Config, new ConfigEnvelope { Config = next, LastUpdate = lastUpdate }.ToByteString());
    }

    private static ByteString SignatureHeaderOf(SigningIdentity signer) =>
        new SignatureHeader { Creator = ByteString.CopyFrom(signer.Serialize()), Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(24)) }.ToByteString();

    private static Envelope Signed(SigningIdentity signer, HeaderType type, ByteString data)
    {
        ByteString payload = new Payload
        {
            Header = new Header
            {
                ChannelHeader = new ChannelHeader { Type = (int)type, ChannelId = TestNetwork.ChannelId }.ToByteString(),
                SignatureHeader = SignatureHeaderOf(signer),
            },
            Data = data,
        }.ToByteString();
        return new Envelope { Payload = payload, Signature = ByteString.CopyFrom(signer.Sign(payload.Span)) };
    }
}
