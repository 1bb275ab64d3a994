namespace Fabricish.Cli.Lifecycle;

/// <summary>A chaincode package read back: its metadata.json type and label, and the files of its code.tar.gz.</summary>
internal sealed record ParsedPackage(string Type, string Label, IReadOnlyDictionary<string, byte[]> CodeFiles);
