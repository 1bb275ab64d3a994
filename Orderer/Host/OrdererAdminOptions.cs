namespace Fabricish.Orderer.Host;

/// <summary>
/// The admin listener on <see cref="OrdererOptions.AdminListenAddress"/> (channel participation, /healthz, /metrics),
/// Fabric's Admin section. Anyone who reaches the participation API can delete the node's ledger of a channel or make
/// it serve a channel of their own, so, as Fabric's Admin.TLS with ClientAuthRequired, the listener serves TLS and
/// only clients whose certificate chains to <c>Tls:ClientRootCAs</c> get in. Fabric operators point ClientRootCAs at
/// the orderer organization's TLS CA (<c>ordererOrganizations/&lt;domain&gt;/tlsca</c>) and call osnadmin with the
/// org Admin's TLS client certificate (<c>users/Admin@&lt;domain&gt;/tls/client.crt</c>); that CA issues TLS
/// certificates only to the org's admins and orderer nodes, never to peer organizations or their users.
/// </summary>
internal sealed record OrdererAdminOptions
{
    /// <summary>Serve the admin listener in plaintext without client authentication (<c>--insecure-admin</c>): for a
    /// local experiment only; refused when <see cref="OrdererOptions.Tls"/> is enabled.</summary>
    public bool Insecure { get; init; }

    /// <summary>Fabric's Admin.TLS: Enabled and ClientAuthRequired must both be true unless <see cref="Insecure"/>;
    /// CertFile/KeyFile are the node's TLS pair (<c>tls/server.crt</c>, <c>tls/server.key</c>), ClientRootCAs the CAs of
    /// the administrators' client certificates.</summary>
    public OrdererTlsOptions Tls { get; init; } = new();
}
