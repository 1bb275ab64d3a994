namespace Fabricish.Committer;

public enum BlockCommitStatus
{
    /// <summary>Validated, stored with its transactions filter, and its valid writes applied.</summary>
    Committed,

    /// <summary>The ledger already holds this block (a deliver stream resent it); nothing changed.</summary>
    AlreadyCommitted,

    /// <summary>Not the next block, not chained to the last one, or not signed acceptably; nothing changed.</summary>
    Refused,
}
