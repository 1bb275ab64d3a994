using Fabricish.Protos.Peer;
using Google.Protobuf.Reflection;

namespace Fabricish.Cli.Chaincode;

/// <summary>Validation codes by Fabric's names (MVCC_READ_CONFLICT, not MvccReadConflict), as Fabric's tools print them.</summary>
internal static class ValidationCodes
{
    private static readonly EnumDescriptor Codes = TransactionReflection.Descriptor.FindTypeByName<EnumDescriptor>("TxValidationCode");

    public static string Name(TxValidationCode code) => Codes.FindValueByNumber((int)code)?.Name ?? ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
