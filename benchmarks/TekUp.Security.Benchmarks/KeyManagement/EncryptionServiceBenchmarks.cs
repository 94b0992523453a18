using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;
using TekUp.Security.Cryptography;
using TekUp.Security.DataClasses;
using TekUp.Security.KeyManagement;

namespace TekUp.Security.Benchmarks.KeyManagement;

/// <summary>
/// <see cref="IEncryptionService"/> encrypt/decrypt with a warm (cached) key against bare <see cref="AesGcm"/> (the
/// baseline: same size, random nonce, preallocated buffers) and the array-returning <see cref="Envelope"/> calls the
/// service makes. The service adds the key-ring lookup, the lease and the use count. Target: at most 1.3× the
/// baseline at 1 KiB.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
public class EncryptionServiceBenchmarks
{
    private static readonly byte[] CallerContext = "customers/42/email"u8.ToArray();

    private readonly byte[] _nonce = new byte[12];
    private readonly byte[] _tag = new byte[16];
    private ServiceProvider _services = null!;
    private IEncryptionService _encryption = null!;
    private AeadKey _key = null!;
    private AesGcm _aes = null!;
    private EncryptionContext _context;
    private byte[] _plaintext = null!;
    private byte[] _output = null!;
    private byte[] _bareCiphertext = null!;
    private byte[] _envelope = null!;

    /// <summary>The plaintext size in bytes.</summary>
    [Params(1024, 64 * 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_services, _encryption) = KeyManagementBenchmarkHost.Create();
        _plaintext = RandomNumberGenerator.GetBytes(Size);
        _envelope = _encryption.EncryptAsync("tenant-a", DataClass.Personal, _plaintext, CallerContext).AsTask().GetAwaiter().GetResult();

        // The same data key, for the baseline and the envelope rows.
        _key = _services.GetRequiredService<IKeyRing>().GetActiveKeyAsync("tenant-a", DataClass.Personal).AsTask().GetAwaiter().GetResult();
        var material = new byte[32];
        _key.CopyMaterialTo(material);
        _aes = new AesGcm(material, 16);
        CryptographicOperations.ZeroMemory(material);
        _context = new EncryptionContext("tenant-a", DataClass.Personal, CallerContext);
        _output = new byte[Size];
        _bareCiphertext = new byte[Size];
        RandomNumberGenerator.Fill(_nonce);
        _aes.Encrypt(_nonce, _plaintext, _bareCiphertext, _tag);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _aes.Dispose();
        _services.Dispose();
    }

    [Benchmark(Baseline = true, Description = "AesGcm.Encrypt (bare)")]
    [BenchmarkCategory("Encrypt")]
    public void BareEncrypt()
    {
        RandomNumberGenerator.Fill(_nonce);
        _aes.Encrypt(_nonce, _plaintext, _bareCiphertext, _tag);
    }

    [Benchmark(Description = "Envelope.Encrypt (array)")]
    [BenchmarkCategory("Encrypt")]
    public byte[] EnvelopeEncrypt() => Envelope.Encrypt(_key, _context, _plaintext);

    [Benchmark(Description = "IEncryptionService.EncryptAsync")]
    [BenchmarkCategory("Encrypt")]
    public byte[] ServiceEncrypt() => _encryption.EncryptAsync("tenant-a", DataClass.Personal, _plaintext, CallerContext).GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "AesGcm.Decrypt (bare)")]
    [BenchmarkCategory("Decrypt")]
    public void BareDecrypt() => _aes.Decrypt(_nonce, _bareCiphertext, _tag, _output);

    [Benchmark(Description = "Envelope.Decrypt (array)")]
    [BenchmarkCategory("Decrypt")]
    public byte[] EnvelopeDecrypt() => Envelope.Decrypt(_key, _context, _envelope);

    [Benchmark(Description = "IEncryptionService.DecryptAsync")]
    [BenchmarkCategory("Decrypt")]
    public byte[] ServiceDecrypt() => _encryption.DecryptAsync("tenant-a", DataClass.Personal, _envelope, CallerContext).GetAwaiter().GetResult();
}
