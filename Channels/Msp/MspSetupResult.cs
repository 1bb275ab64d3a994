namespace Fabricish.Channels.Msp;

/// <summary>The outcome of building an MSP from its configuration: the MSP, or why the configuration is unusable.</summary>
public readonly record struct MspSetupResult(FabricMsp? Msp, string? Error)
{
    public bool IsValid => Msp is not null;

    public static MspSetupResult Ok(FabricMsp msp) => new(msp, null);

    public static MspSetupResult Invalid(string error) => new(null, error);
}
