using Fabricish.Ledger.PrivateData;

namespace Fabricish.Committer.PrivateData;

/// <summary>A missing collection's private write set as a member peer sent it to the reconciler.</summary>
public sealed record ReconciledPrivateData(MissingPrivateData Missing, byte[] Rwset);
