using Fabricish.Channels.Config;
using Fabricish.Channels.Config.Profile;
using Fabricish.Channels.Msp;
using Fabricish.Protos.Msp;

namespace Fabricish.Channels.Genesis;

/// <summary>Reads an organization's verifying MSP config from its MSPDir, as configtxgen does with
/// <c>msp.GetVerifyingMspConfig</c>.</summary>
public static class OrganizationMsps
{
    /// <summary>A missing or unreadable MSPDir named in a channel profile is an operator's input error here,
    /// so the loader's I/O and format faults become a result naming the folder.</summary>
    public static ConfigResult<MSPConfig> FromMspDir(OrganizationSpec org)
    {
        ArgumentNullException.ThrowIfNull(org);
        try
        {
            return ConfigResult<MSPConfig>.Ok(MspDirectory.LoadConfig(org.MspDir, org.Id));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return ConfigResult<MSPConfig>.Fail(e.Message);
        }
    }
}
