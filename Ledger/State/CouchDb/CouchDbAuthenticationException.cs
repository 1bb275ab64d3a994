namespace Fabricish.Ledger.State.CouchDb;

/// <summary>CouchDB refused the configured credentials, or they are not a server admin's (Fabric's peer needs an
/// admin: it creates and secures databases). Retrying cannot help, unlike <see cref="StateDatabaseUnavailableException"/>.</summary>
public sealed class CouchDbAuthenticationException : Exception
{
    public CouchDbAuthenticationException()
    {
    }

    public CouchDbAuthenticationException(string message)
        : base(message)
    {
    }

    public CouchDbAuthenticationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
