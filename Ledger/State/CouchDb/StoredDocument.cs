namespace Fabricish.Ledger.State.CouchDb;

/// <summary>A key's value as read (null: no live document) and the document revision it was read at.</summary>
internal readonly record struct StoredDocument(VersionedValue? Value, string? Revision);
