using Fabricish.Channels.Crypto;
using Fabricish.Channels.Msp;
using Fabricish.Cli.Connection;
using Fabricish.Cli.Tests.Channel;
using Fabricish.Testing;

namespace Fabricish.Cli.Tests.Connection;

/// <summary>A scratch folder with Org1's user and admin MSP folders and a connection profile in the layout
/// <c>./fabricish up</c> writes; runs the CLI with an explicit environment so the machine's CORE_PEER_* never leak in.</summary>
internal sealed class ClientTestMaterial : IDisposable
{
    private readonly TestOrg _org = new("Org1MSP", "org1.example.com");

    public ClientTestMaterial()
    {
        Dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "fx-cli-client-" + Guid.NewGuid().ToString("N"))).FullName;
        User = _org.Identity("User1@org1.example.com", NodeRole.Client);
        Admin = _org.Identity("Admin@org1.example.com", NodeRole.Admin);
        UserMspDir = WriteMsp("users/User1@org1.example.com/msp", User);
        AdminMspDir = WriteMsp("users/Admin@org1.example.com/msp", Admin);
    }

    public string Dir { get; }

    public SigningIdentity User { get; }

    public SigningIdentity Admin { get; }

    public string UserMspDir { get; }

    public string AdminMspDir { get; }

    /// <summary>Writes connection-org1.json naming <paramref name="peerUrl"/> and the user's cert and key.</summary>
    public string WriteProfile(string peerUrl, string fileName = "connection-org1.json", string? tlsCaPath = null, string? ordererUrl = "grpc://127.0.0.1:7050")
    {
        string tls = tlsCaPath is null ? string.Empty : $",\"tlsCACerts\":{{\"path\":\"{tlsCaPath}\"}}";
        string json =
            "{\"name\":\"fabricish-org1\",\"version\":\"1.0.0\",\"client\":{\"organization\":\"Org1\"},"
            + "\"organizations\":{\"Org1\":{\"mspid\":\"Org1MSP\",\"peers\":[\"peer0.org1.example.com\"],"
            + "\"signedCert\":{\"path\":\"users/User1@org1.example.com/msp/signcerts/User1@org1.example.com-cert.pem\"},"
            + $"\"adminPrivateKey\":{{\"path\":\"{UserMspDir}/keystore/priv_sk\"}}}}}},"
            + $"\"peers\":{{\"peer0.org1.example.com\":{{\"url\":\"{peerUrl}\"{tls},\"grpcOptions\":{{\"ssl-target-name-override\":\"peer0.org1.example.com\"}}}}}},"
            + $"\"orderers\":{{\"orderer0.example.com\":{{\"url\":\"{ordererUrl}\"}}}}}}";
        string path = Path.Combine(Dir, fileName);
        File.WriteAllText(path, json);
        return path;
    }

    public async Task<CliRun.Outcome> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using (CliEnvironment.Use(environment))
        {
            return await CliRun.RunAsync(args);
        }
    }

    public void Dispose()
    {
        User.Dispose();
        Admin.Dispose();
        _org.Dispose();
        Directory.Delete(Dir, recursive: true);
    }

    private string WriteMsp(string relative, SigningIdentity identity)
    {
        string msp = Path.Combine(Dir, relative);
        string name = identity.Certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false);
        Directory.CreateDirectory(Path.Combine(msp, "signcerts"));
        Directory.CreateDirectory(Path.Combine(msp, "keystore"));
        File.WriteAllText(Path.Combine(msp, "signcerts", name + "-cert.pem"), identity.Certificate.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Combine(msp, "keystore", "priv_sk"), KeyPem.Write(identity.Key));
        return msp;
    }
}
