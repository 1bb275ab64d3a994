namespace Fabricish.Benchmarks.Network;

/// <summary>ECDSA signatures made and verified per transaction at one place in the network.</summary>
public sealed record SignatureCount(string Where, double Signs, double Verifies);
