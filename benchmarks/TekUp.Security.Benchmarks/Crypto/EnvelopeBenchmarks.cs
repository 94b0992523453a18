using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using TekUp.Security.Cryptography;
using TekUp.Security.DataClasses;

namespace TekUp.Security.Benchmarks.Crypto;

/// <summary>
/// Envelope encrypt/decrypt against bare <see cref="AesGcm"/> with the same key, a fresh random nonce per call and
/// preallocated buffers (the baseline of each category). Target: at most 1.3× the baseline at 1 KiB and at least
/// 0.8× its throughput at 64 KiB.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public class EnvelopeBenchmarks
{
    private static readonly Guid KeyId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    private readonly byte[] _nonce = new byte[12];
    private readonly byte[] _tag = new byte[16];
    private AeadKey _key = null!;
    private AesGcm _aes = null!;
    private EncryptionContext _context;
    private byte[] _plaintext = null!;
    private byte[] _output = null!;
    private byte[] _bareCiphertext = null!;
    private byte[] _envelope = null!;
    private byte[] _envelopeScratch = null!;

    /// <summary>The plaintext size in bytes.</summary>
    [Params(1024, 64 * 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var material = RandomNumberGenerator.GetBytes(32);
        _key = new AeadKey(KeyId, material);
        _aes = new AesGcm(material, 16);
        _context = new EncryptionContext("tenant-a", DataClass.Personal, "customers/42/email"u8.ToArray());
        _plaintext = RandomNumberGenerator.GetBytes(Size);
        _output = new byte[Size];
        _bareCiphertext = new byte[Size];
        _envelopeScratch = new byte[Envelope.GetCiphertextLength(Size)];

        RandomNumberGenerator.Fill(_nonce);
        _aes.Encrypt(_nonce, _plaintext, _bareCiphertext, _tag);
        _envelope = Envelope.Encrypt(_key, _context, _plaintext);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _aes.Dispose();
        _key.Dispose();
    }

    [Benchmark(Baseline = true, Description = "AesGcm.Encrypt (bare)")]
    [BenchmarkCategory("Encrypt")]
    public void BareEncrypt()
    {
        RandomNumberGenerator.Fill(_nonce);
        _aes.Encrypt(_nonce, _plaintext, _bareCiphertext, _tag);
    }

    [Benchmark(Description = "Envelope.Encrypt")]
    [BenchmarkCategory("Encrypt")]
    public int EnvelopeEncrypt() => Envelope.Encrypt(_key, _context, _plaintext, _envelopeScratch);

    [Benchmark(Baseline = true, Description = "AesGcm.Decrypt (bare)")]
    [BenchmarkCategory("Decrypt")]
    public void BareDecrypt() => _aes.Decrypt(_nonce, _bareCiphertext, _tag, _output);

    [Benchmark(Description = "Envelope.Decrypt")]
    [BenchmarkCategory("Decrypt")]
    public int EnvelopeDecrypt() => Envelope.Decrypt(_key, _context, _envelope, _output);
}
