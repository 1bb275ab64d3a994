using System.Security.Cryptography;
using System.Text;
using Fabricish.Chaincode.Shim.Oracles;
using Fabricish.Cli.Tests.Channel;
using Fabricish.Testing;

namespace Fabricish.Cli.Tests.Oracle;

public sealed class OracleAndLegalCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fx-oracle-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Sign_attests_the_latest_observation_of_the_symbol_as_a_cryptogen_identity_chaincode_accepts()
    {
        string crypto = await Crypto();
        string feed = Path.Combine(_dir, "feed.jsonl");
        await File.WriteAllLinesAsync(feed,
        [
            """{"source":"KRX","symbol":"KOSPI200","value":"351.20","observed_at":"2026-12-07T06:00:00Z"}""",
            """{"source":"KRX","symbol":"KOSPI200","value":"352.75","observed_at":"2026-12-07T06:30:00Z"}""",
            """{"source":"KRX","symbol":"KOSDAQ150","value":"1385.10","observed_at":"2026-12-07T06:45:00Z"}""",
        ]);
        string org1 = Path.Combine(crypto, "peerOrganizations", "org1.example.com");

        var run = await CliRun.RunAsync("oracle", "sign", "--feed", feed, "--symbol", "KOSPI200",
            "--msp-dir", Path.Combine(org1, "users", "User1@org1.example.com", "msp"), "--msp-id", "Org1MSP");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var oracle = new TrustedOracle
        {
            Name = "krx",
            MspId = "Org1MSP",
            CommonName = "User1@org1.example.com",
            RootCertificatePem = await File.ReadAllTextAsync(Path.Combine(org1, "ca", "ca.org1.example.com-cert.pem")),
        };
        (_, Observation observation) = AttestationVerifier.VerifySignature(run.Stdout.Trim(), oracle, DateTimeOffset.UtcNow);
        Assert.Equal(("KOSPI200", "352.75"), (observation.Symbol, observation.Value));
    }

    [Fact]
    public async Task Sign_names_a_missing_symbol_and_a_bad_feed_entry()
    {
        string feed = Path.Combine(_dir, "feed.json");
        await File.WriteAllTextAsync(feed, """[{"source":"KRX","symbol":"KOSPI200","value":"abc","observed_at":"2026-12-07T06:00:00Z"}]""");

        var bad = await CliRun.RunAsync("oracle", "sign", "--feed", feed, "--symbol", "KOSPI200", "--msp-dir", _dir, "--msp-id", "Org1MSP");
        await File.WriteAllTextAsync(feed, """[{"source":"KRX","symbol":"KOSPI200","value":"1.5","observed_at":"2026-12-07T06:00:00Z"}]""");
        var missing = await CliRun.RunAsync("oracle", "sign", "--feed", feed, "--symbol", "NIKKEI225", "--msp-dir", _dir, "--msp-id", "Org1MSP");

        Assert.Equal((1, $"fabricish oracle sign: entry 1 of the feed {feed}: the observed value 'abc' is not a decimal number"), (bad.ExitCode, bad.Stderr.Trim()));
        Assert.Equal((1, "fabricish oracle sign: the feed has no observation of NIKKEI225"), (missing.ExitCode, missing.Stderr.Trim()));
    }

    [Fact]
    public async Task Legal_hash_prints_the_sha256_of_the_exact_bytes()
    {
        string text = Path.Combine(_dir, "terms.txt");
        await File.WriteAllTextAsync(text, "The seller pays the buyer.\n");

        var run = await CliRun.RunAsync("legal", "hash", text);

        Assert.Equal((0, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("The seller pays the buyer.\n")))), (run.ExitCode, run.Stdout.Trim()));
    }

    private async Task<string> Crypto()
    {
        string output = Path.Combine(_dir, "crypto");
        var run = await CliRun.RunAsync("crypto", "generate", "--config", Path.Combine(RepoPaths.Root, "samples", "network", "crypto.yaml"), "--output", output);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return output;
    }
}
