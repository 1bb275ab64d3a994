namespace Fabricish.Benchmarks.Chaos;

/// <summary>What injecting or healing a fault did (the action, for the report's "what was done"), what came of it
/// (notes), and whether it went as it must (a tamper attempt that got through, or a heal that failed, is not ok).</summary>
public sealed record FaultStep(bool Ok, string Action, string? Result = null)
{
    public static FaultStep Done(string action, string? result = null) => new(true, action, result);

    public static FaultStep Failed(string action, string? result = null) => new(false, action, result);
}
