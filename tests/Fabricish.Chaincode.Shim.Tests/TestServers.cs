using Fabricish.Testing.Infra;

namespace Fabricish.Chaincode.Shim.Tests;

internal static class TestServers
{
    public const string ChaincodeId = "basic_1.0:4ec191e793b27e953ff2ede5a8bcc63152cecb1e4c3f301a26e22692c61967ad";

    /// <summary>A started server on a free loopback port, configured the way ccaas deployments address it.</summary>
    public static async Task<ChaincodeServer> StartAsync(IChaincode chaincode)
    {
        var server = new ChaincodeServer(ChaincodeId, $"127.0.0.1:{FreePorts.Take()}", chaincode);
        await server.StartAsync();
        return server;
    }
}
