namespace Fabricish.Channels.Config.Profile;

/// <summary>A policy as configtx.yaml writes it: <c>Type</c> is <c>Signature</c> (a policydsl rule such as
/// <c>OR('Org1MSP.member')</c>) or <c>ImplicitMeta</c> (e.g. <c>MAJORITY Admins</c>).
/// <see cref="Source"/> is where it was written, so errors found later still point into the file.</summary>
public sealed record PolicySpec(string Type, string Rule, string Source)
{
    public const string SignatureType = "Signature";
    public const string ImplicitMetaType = "ImplicitMeta";
}
