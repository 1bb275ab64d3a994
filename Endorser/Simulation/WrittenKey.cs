namespace Fabricish.Endorser.Simulation;

/// <summary>A key a simulation wrote (a value, a delete, a purge or its metadata); <see cref="Collection"/> is empty
/// for the public write set, as in Fabric's WritesetMetadata.</summary>
public readonly record struct WrittenKey(string Namespace, string Collection, string Key);
