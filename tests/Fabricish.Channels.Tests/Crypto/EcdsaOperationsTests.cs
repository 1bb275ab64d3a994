using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Fabricish.Channels.Crypto;

namespace Fabricish.Channels.Tests.Crypto;

/// <summary>The process-wide counters only grow (other tests sign and verify in parallel), so each test asserts at
/// least its own operations were counted.</summary>
public sealed class EcdsaOperationsTests : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly byte[] _message = Encoding.UTF8.GetBytes("transaction payload");

    public void Dispose() => _key.Dispose();

    [Fact]
    public void Every_signature_made_is_counted()
    {
        long before = EcdsaOperations.Signs;

        _ = Signatures.Sign(_key, _message);
        _ = Signatures.Sign(_key, _message);

        Assert.True(EcdsaOperations.Signs >= before + 2);
    }

    [Fact]
    public void Every_verify_that_reaches_the_curve_is_counted_whatever_its_answer()
    {
        byte[] signature = Signatures.Sign(_key, _message);
        long before = EcdsaOperations.Verifies;

        Assert.True(Signatures.Verify(_key, _message, signature));
        Assert.False(Signatures.Verify(_key, Encoding.UTF8.GetBytes("another payload"), signature));

        Assert.True(EcdsaOperations.Verifies >= before + 2);
    }

    [Fact]
    public void The_counters_are_rendered_as_prometheus_counters()
    {
        _ = Signatures.Sign(_key, _message);

        string text = EcdsaOperations.PrometheusText();

        Assert.Contains("# TYPE fabricish_ecdsa_signs_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE fabricish_ecdsa_verifies_total counter\n", text, StringComparison.Ordinal);
        string signs = text.Split('\n').Single(l => l.StartsWith("fabricish_ecdsa_signs_total ", StringComparison.Ordinal));
        Assert.True(long.Parse(signs["fabricish_ecdsa_signs_total ".Length..], CultureInfo.InvariantCulture) >= 1);
    }
}
