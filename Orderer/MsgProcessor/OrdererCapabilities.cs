using Fabricish.Channels.Config;

namespace Fabricish.Orderer.MsgProcessor;

/// <summary>The orderer-group capability switches broadcast processing depends on (Fabric's <c>capabilities.OrdererProvider</c>).</summary>
internal static class OrdererCapabilities
{
    /// <summary>Creator certificate expiry is checked from V1_1 on.</summary>
    public static bool ExpirationCheck(OrdererConfig orderer) =>
        Has(orderer, "V1_1") || Has(orderer, "V1_4_2") || Has(orderer, "V2_0");

    /// <summary>Maintenance mode (consensus-type migration) exists from V1_4_2 on.</summary>
    public static bool ConsensusTypeMigration(OrdererConfig orderer) => Has(orderer, "V1_4_2") || Has(orderer, "V2_0");

    private static bool Has(OrdererConfig orderer, string capability)
    {
        foreach (string name in orderer.Capabilities)
        {
            if (name == capability)
            {
                return true;
            }
        }

        return false;
    }
}
