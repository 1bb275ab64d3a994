using System.Text.Json;
using Fabricish.Protos.Common;
using Fabricish.Protos.Peer;
using Fabricish.Testing;
using Fabricish.Testing.Transactions;
using Google.Protobuf;

namespace Fabricish.Peer.Tests.SystemChaincode;

/// <summary>Fabric's own protobuf package (npm @hyperledger/fabric-protos, tools/node/qscc/qscc-check.js) builds the
/// peer CLI's channel-less qscc proposals, decodes the answers byte-exact and computes the newest block's hash from its
/// header independently of the peer.</summary>
public sealed class QsccNodeClientTests(SystemChaincodeHost host) : IClassFixture<SystemChaincodeHost>
{
    [Fact]
    public async Task Fabrics_protos_decode_qscc_answers_byte_exact_and_agree_on_the_block_hash()
    {
        SignedProposal join = ChaincodeProposals.Create(host.Org1Admin, "", "cscc", [ByteString.CopyFromUtf8("JoinChain"), host.Sample.Genesis.ToByteString()], HeaderType.Config).Signed;
        Assert.Equal(200, (await host.Endorser.ProcessProposalAsync(join)).Response.Status);

        string script = Path.Combine(RepoPaths.Root, "tools", "node", "qscc", "qscc-check.js");
        NodeScript.Result run = await NodeScript.RunAsync(script, ["--endpoint", host.PeerAddress, "--msp-id", "Org1MSP", "--msp-dir", host.ClientMspDir, "--channel", "mychannel"]);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        using JsonDocument summary = JsonDocument.Parse(run.Stdout);
        Assert.Equal(1, summary.RootElement.GetProperty("height").GetInt32());
        Assert.Equal(
            Convert.ToBase64String(QuerySystemChaincodeTests.GoldenHeaderHash(host.Sample.Genesis.Header)),
            summary.RootElement.GetProperty("currentBlockHash").GetString());
    }
}
