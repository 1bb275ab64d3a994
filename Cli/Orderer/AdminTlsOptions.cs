using System.CommandLine;

namespace Fabricish.Cli.Orderer;

/// <summary>osnadmin's <c>--ca-file</c>, <c>--client-cert</c> and <c>--client-key</c> on every command that calls an
/// orderer's admin endpoint.</summary>
internal sealed class AdminTlsOptions
{
    public Option<string?> CaFile { get; } = new("--ca-file")
    {
        Description = "PEM file of the TLS CA the orderer's admin endpoint certificate is issued by (the orderer org's tlsca); host:port then means https.",
    };

    public Option<string?> ClientCert { get; } = new("--client-cert")
    {
        Description = "PEM TLS client certificate the admin endpoint accepts, e.g. users/Admin@example.com/tls/client.crt of the orderer org.",
    };

    public Option<string?> ClientKey { get; } = new("--client-key")
    {
        Description = "PEM private key of --client-cert, e.g. users/Admin@example.com/tls/client.key.",
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(CaFile);
        command.Options.Add(ClientCert);
        command.Options.Add(ClientKey);
    }

    public AdminTls From(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new AdminTls(parse.GetValue(CaFile), parse.GetValue(ClientCert), parse.GetValue(ClientKey));
    }
}
