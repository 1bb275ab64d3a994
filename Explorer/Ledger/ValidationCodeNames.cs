using Fabricish.Protos.Peer;
using Google.Protobuf.Reflection;

namespace Fabricish.Explorer.Ledger;

/// <summary>Validation codes by the names Fabric's peers and tools print (MVCC_READ_CONFLICT), from the schema.</summary>
public static class ValidationCodeNames
{
    private static readonly EnumDescriptor Codes = TransactionReflection.Descriptor.FindTypeByName<EnumDescriptor>("TxValidationCode");

    public static string Name(int code) => Codes.FindValueByNumber(code)?.Name ?? $"CODE_{code}";

    public static string Name(TxValidationCode code) => Name((int)code);
}
