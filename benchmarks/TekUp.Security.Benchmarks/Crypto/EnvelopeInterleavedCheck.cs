using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using TekUp.Security.Cryptography;
using TekUp.Security.DataClasses;

namespace TekUp.Security.Benchmarks.Crypto;

/// <summary>
/// A cross-check of <see cref="EnvelopeBenchmarks"/> for a shared, noisy machine: BenchmarkDotNet measures one method
/// after another, so a load change between them skews the ratio. This check alternates short batches of the bare
/// AesGcm operation and the envelope operation (same key, buffers and context as the benchmark) for many rounds and
/// reports the median of the per-round ratios and the ratio of the fastest batches, which a slowly changing
/// background load affects far less.
/// Run: <c>dotnet run -c Release --project benchmarks/TekUp.Security.Benchmarks -- --crypto-interleaved</c>.
/// </summary>
internal static class EnvelopeInterleavedCheck
{
    private const int Rounds = 300;
    private const int WarmupRounds = 20;

    public static void Run()
    {
        var material = RandomNumberGenerator.GetBytes(32);
        using var key = new AeadKey(Guid.NewGuid(), material);
        using var aes = new AesGcm(material, 16);
        var context = new EncryptionContext("tenant-a", DataClass.Personal, "customers/42/email"u8.ToArray());

        Console.WriteLine("| operation | size | bare min (ns) | envelope min (ns) | ratio of minima | median of round ratios |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var size in new[] { 1024, 64 * 1024 })
        {
            var plaintext = RandomNumberGenerator.GetBytes(size);
            var bareCiphertext = new byte[size];
            var output = new byte[size];
            var nonce = new byte[12];
            var tag = new byte[16];
            var envelopeScratch = new byte[Envelope.GetCiphertextLength(size)];
            RandomNumberGenerator.Fill(nonce);
            aes.Encrypt(nonce, plaintext, bareCiphertext, tag);
            var envelope = Envelope.Encrypt(key, context, plaintext);
            var batch = size == 1024 ? 2000 : 100;

            Compare("encrypt", size, batch,
                () =>
                {
                    RandomNumberGenerator.Fill(nonce);
                    aes.Encrypt(nonce, plaintext, bareCiphertext, tag);
                },
                () => Envelope.Encrypt(key, context, plaintext, envelopeScratch));

            // The encrypt comparison above rewrote nonce, ciphertext and tag consistently; decrypt them.
            Compare("decrypt", size, batch,
                () => aes.Decrypt(nonce, bareCiphertext, tag, output),
                () => Envelope.Decrypt(key, context, envelope, output));
        }

        // What a per-message subkey (as in ASP.NET Core Data Protection) would add to every envelope.
        var modifier = RandomNumberGenerator.GetBytes(16);
        var subkey = new byte[32];
        var perMessageKey = Enumerable.Range(0, 50).Min(_ => Time(
            () =>
            {
                HKDF.DeriveKey(HashAlgorithmName.SHA256, material, subkey, modifier, "TekUp.Security/subkey"u8);
                using var gcm = new AesGcm(subkey, 16);
            },
            200));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\nPer-message subkey (HKDF-SHA256 + new AesGcm), fastest batch: {perMessageKey:F0} ns"));
    }

    private static void Compare(string operation, int size, int batch, Action bare, Action envelope)
    {
        var bareTimes = new List<double>(Rounds);
        var envelopeTimes = new List<double>(Rounds);
        var ratios = new List<double>(Rounds);
        for (var round = 0; round < Rounds; round++)
        {
            var b = Time(bare, batch);
            var e = Time(envelope, batch);
            if (round >= WarmupRounds)
            {
                bareTimes.Add(b);
                envelopeTimes.Add(e);
                ratios.Add(e / b);
            }
        }

        ratios.Sort();
        var bareMin = bareTimes.Min();
        var envelopeMin = envelopeTimes.Min();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {operation} | {size} | {bareMin:F0} | {envelopeMin:F0} | {envelopeMin / bareMin:F2} | {ratios[ratios.Count / 2]:F2} |"));
    }

    private static double Time(Action action, int count)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            action();
        }

        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / count;
    }
}
