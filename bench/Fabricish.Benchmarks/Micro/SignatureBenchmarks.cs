using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Fabricish.Channels.Crypto;

namespace Fabricish.Benchmarks.Micro;

/// <summary>ECDSA P-256 over SHA-256 of a 1 KB message, low-S DER, as every envelope and block signature costs.</summary>
[MemoryDiagnoser]
public class SignatureBenchmarks : IDisposable
{
    private ECDsa _key = null!;
    private byte[] _message = null!;
    private byte[] _signature = null!;

    [GlobalSetup]
    public void Setup()
    {
        _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _message = RandomNumberGenerator.GetBytes(1024);
        _signature = Signatures.Sign(_key, _message);
    }

    [Benchmark]
    public byte[] Sign() => Signatures.Sign(_key, _message);

    [Benchmark]
    public bool Verify() => Signatures.Verify(_key, _message, _signature);

    [GlobalCleanup]
    public void Dispose()
    {
        _key?.Dispose();
        GC.SuppressFinalize(this);
    }
}
