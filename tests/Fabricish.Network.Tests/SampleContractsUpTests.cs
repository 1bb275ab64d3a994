using Fabricish.Network.Tests.Up;

namespace Fabricish.Network.Tests;

/// <summary>The consortium's sample contracts on real processes: <c>./fabricish demo</c> deploys each through the
/// lifecycle (its own chaincode service, approved by both orgs, AND('Org1MSP.peer','Org2MSP.peer')) on the network
/// up started, and runs its story through the CLI and the oracle; it exits non-zero when any step misbehaves.</summary>
[Collection(UpNetworkCollection.Name)]
public sealed class SampleContractsUpTests(UpNetworkFixture network)
{
    [Fact]
    public async Task Certificate_issued_by_Org1_is_verified_through_Org2s_peer_revoked_only_by_Org1_and_verified_revoked()
    {
        string output = await network.RunDemoAsync("certificates");

        Assert.Contains("VerifyCertificate through peer0.org2: {\"certificate_hash\"", output, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"valid\",\"issuer_msp_id\":\"Org1MSP\"", output, StringComparison.Ordinal);
        Assert.Contains("refused as expected: ", output, StringComparison.Ordinal);
        Assert.Contains("only the issuer Org1MSP may revoke the certificate", output, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"revoked\",\"issuer_msp_id\":\"Org1MSP\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Derivative_settles_at_maturity_from_a_signed_attestation_and_refuses_forged_stale_and_replayed_ones()
    {
        string output = await network.RunDemoAsync("derivatives");

        Assert.Contains("the text matches the legal prose of ELS-", output, StringComparison.Ordinal);
        Assert.Contains("an amended copy is refused: fabricish legal: the text's SHA-256", output, StringComparison.Ordinal);
        Assert.Contains(": replay refused", output, StringComparison.Ordinal);
        Assert.Contains("the attestation is stale: observed at", output, StringComparison.Ordinal);
        Assert.Contains("the attestation is for KOSDAQ150, not KOSPI200", output, StringComparison.Ordinal);
        Assert.Contains("the attestation is not the oracle's: the certificate is Admin@org1.example.com's", output, StringComparison.Ordinal);
        Assert.Contains("the attestation's signature does not verify against its certificate: forged or altered", output, StringComparison.Ordinal);
        // 1,000,000,000 × 0.8 × (385.00 / 350.00 − 1)
        Assert.Contains("\"status\":\"settled\"", output, StringComparison.Ordinal);
        Assert.Contains("\"payoff\":\"80000000.00\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_sale_refuses_a_purchase_above_what_remains_and_moves_tokens_only_after_a_successful_close()
    {
        string output = await network.RunDemoAsync("tokensale");

        Assert.Contains("only 20 TOK remain below the hard cap of 100, at most 10 in one purchase; 30 asked", output, StringComparison.Ordinal);
        Assert.Contains("the sale reached its soft goal (90 of 60 TOK sold): no refunds", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dao_refuses_a_double_vote_pays_an_accepted_proposal_once_and_a_repeated_split_pays_nothing()
    {
        string output = await network.RunDemoAsync("dao");

        Assert.Contains("already voted on p1: one vote per member", output, StringComparison.Ordinal);
        Assert.Contains("Org2MSP/Admin@org2.example.com holds no tokens", output, StringComparison.Ordinal);
    }
}
