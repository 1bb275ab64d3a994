namespace Fabricish.Orderer.Registrar;

/// <summary>How a join ended, which the participation API maps to Fabric's HTTP answers.</summary>
internal enum JoinStatus
{
    Joined,

    /// <summary>The orderer already serves the channel (405, Allow: GET, DELETE).</summary>
    AlreadyExists,

    /// <summary>The block cannot start a channel here (400).</summary>
    Invalid,
}
