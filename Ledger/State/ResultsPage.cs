namespace Fabricish.Ledger.State;

/// <summary>One page of a paginated range scan or rich query. <see cref="Bookmark"/> resumes after this page:
/// for range scans it is the next start key (equal to the end key once the range is exhausted, as in Fabric);
/// for rich queries it is the database's opaque bookmark.</summary>
public sealed record ResultsPage(IReadOnlyList<VersionedKV> Results, string Bookmark);
