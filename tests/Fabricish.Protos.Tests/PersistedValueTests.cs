using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;

namespace Fabricish.Protos.Tests;

/// <summary>Pins enum numbers that are written into blocks, state and client responses; changing one would
/// silently corrupt existing ledgers and break Fabric clients.</summary>
public class PersistedValueTests
{
    [Fact]
    public void Tx_validation_codes_have_fabric_numbers()
    {
        var expected = new Dictionary<TxValidationCode, int>
        {
            [TxValidationCode.Valid] = 0,
            [TxValidationCode.NilEnvelope] = 1,
            [TxValidationCode.BadPayload] = 2,
            [TxValidationCode.BadCommonHeader] = 3,
            [TxValidationCode.BadCreatorSignature] = 4,
            [TxValidationCode.InvalidEndorserTransaction] = 5,
            [TxValidationCode.InvalidConfigTransaction] = 6,
            [TxValidationCode.UnsupportedTxPayload] = 7,
            [TxValidationCode.BadProposalTxid] = 8,
            [TxValidationCode.DuplicateTxid] = 9,
            [TxValidationCode.EndorsementPolicyFailure] = 10,
            [TxValidationCode.MvccReadConflict] = 11,
            [TxValidationCode.PhantomReadConflict] = 12,
            [TxValidationCode.UnknownTxType] = 13,
            [TxValidationCode.TargetChainNotFound] = 14,
            [TxValidationCode.MarshalTxError] = 15,
            [TxValidationCode.NilTxaction] = 16,
            [TxValidationCode.ExpiredChaincode] = 17,
            [TxValidationCode.ChaincodeVersionConflict] = 18,
            [TxValidationCode.BadHeaderExtension] = 19,
            [TxValidationCode.BadChannelHeader] = 20,
            [TxValidationCode.BadResponsePayload] = 21,
            [TxValidationCode.BadRwset] = 22,
            [TxValidationCode.IllegalWriteset] = 23,
            [TxValidationCode.InvalidWriteset] = 24,
            [TxValidationCode.InvalidChaincode] = 25,
            [TxValidationCode.NotValidated] = 254,
            [TxValidationCode.InvalidOtherReason] = 255,
        };

        AssertExactly(expected);
    }

    [Fact]
    public void Statuses_have_fabric_http_like_numbers()
    {
        var expected = new Dictionary<Status, int>
        {
            [Status.Unknown] = 0,
            [Status.Success] = 200,
            [Status.BadRequest] = 400,
            [Status.Forbidden] = 403,
            [Status.NotFound] = 404,
            [Status.RequestEntityTooLarge] = 413,
            [Status.InternalServerError] = 500,
            [Status.NotImplemented] = 501,
            [Status.ServiceUnavailable] = 503,
        };

        AssertExactly(expected);
    }

    [Fact]
    public void Header_types_have_fabric_numbers()
    {
        var expected = new Dictionary<HeaderType, int>
        {
            [HeaderType.Message] = 0,
            [HeaderType.Config] = 1,
            [HeaderType.ConfigUpdate] = 2,
            [HeaderType.EndorserTransaction] = 3,
            [HeaderType.OrdererTransaction] = 4,
            [HeaderType.DeliverSeekInfo] = 5,
            [HeaderType.ChaincodePackage] = 6,
        };

        AssertExactly(expected);
    }

    [Fact]
    public void Block_metadata_slots_have_fabric_indexes()
    {
        var expected = new Dictionary<BlockMetadataIndex, int>
        {
            [BlockMetadataIndex.Signatures] = 0,
            [BlockMetadataIndex.LastConfig] = 1,
            [BlockMetadataIndex.TransactionsFilter] = 2,
            [BlockMetadataIndex.Orderer] = 3,
            [BlockMetadataIndex.CommitHash] = 4,
        };

        AssertExactly(expected);
    }

    private static void AssertExactly<TEnum>(Dictionary<TEnum, int> expected)
        where TEnum : struct, Enum
    {
        Assert.Equal(expected.Count, Enum.GetValues<TEnum>().Length);
        foreach ((TEnum value, int number) in expected)
        {
            Assert.True(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) == number, $"{value} must be {number}");
        }
    }
}
