using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using TekUp.Security.Cryptography;
using TekUp.Security.DataClasses;
using TekUp.Security.KeyManagement;

namespace TekUp.Security.Benchmarks.KeyManagement;

/// <summary>
/// A cross-check of <see cref="EncryptionServiceBenchmarks"/> for a shared, noisy machine: it alternates short batches
/// of bare <see cref="AesGcm"/>, of the array-returning <see cref="Envelope"/> call and of <see cref="IEncryptionService"/>
/// (warm key, same data key, 1 KiB and 64 KiB) and reports ratios of the fastest batches and medians of per-round
/// ratios: service/bare (the target) and service/envelope (what key management itself adds).
/// Run: <c>dotnet run -c Release --project benchmarks/TekUp.Security.Benchmarks -- --keys-interleaved</c>.
/// </summary>
internal static class EncryptionServiceInterleavedCheck
{
    private const int Rounds = 200;
    private const int WarmupRounds = 20;

    public static void Run()
    {
        var (services, encryption) = KeyManagementBenchmarkHost.Create();
        using var disposeServices = services;
        var context = "customers/42/email"u8.ToArray();
        var dataKey = services.GetRequiredService<IKeyRing>().GetActiveKeyAsync("tenant-a", DataClass.Personal).AsTask().GetAwaiter().GetResult();
        var material = new byte[32];
        dataKey.CopyMaterialTo(material);
        using var aes = new AesGcm(material, 16);
        var envelopeContext = new EncryptionContext("tenant-a", DataClass.Personal, context);

        Console.WriteLine("| operation | size | bare min (ns) | envelope min (ns) | service min (ns) | service/bare (minima) | service/bare (median) | service/envelope (minima) | service/envelope (median) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var size in new[] { 1024, 64 * 1024 })
        {
            var plaintext = RandomNumberGenerator.GetBytes(size);
            var bareCiphertext = new byte[size];
            var output = new byte[size];
            var nonce = new byte[12];
            var tag = new byte[16];
            RandomNumberGenerator.Fill(nonce);
            aes.Encrypt(nonce, plaintext, bareCiphertext, tag);
            var envelope = encryption.EncryptAsync("tenant-a", DataClass.Personal, plaintext, context).AsTask().GetAwaiter().GetResult();
            var batch = size == 1024 ? 2000 : 100;

            Compare("encrypt", size, batch,
                () =>
                {
                    RandomNumberGenerator.Fill(nonce);
                    aes.Encrypt(nonce, plaintext, bareCiphertext, tag);
                },
                () => Envelope.Encrypt(dataKey, envelopeContext, plaintext),
                () => encryption.EncryptAsync("tenant-a", DataClass.Personal, plaintext, context).GetAwaiter().GetResult());
            Compare("decrypt", size, batch,
                () => aes.Decrypt(nonce, bareCiphertext, tag, output),
                () => Envelope.Decrypt(dataKey, envelopeContext, envelope),
                () => encryption.DecryptAsync("tenant-a", DataClass.Personal, envelope, context).GetAwaiter().GetResult());
        }
    }

    private static void Compare(string operation, int size, int batch, Action bare, Action envelope, Action service)
    {
        var bareTimes = new List<double>();
        var envelopeTimes = new List<double>();
        var serviceTimes = new List<double>();
        var overBare = new List<double>();
        var overEnvelope = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var b = Time(bare, batch);
            var e = Time(envelope, batch);
            var s = Time(service, batch);
            if (round >= WarmupRounds)
            {
                bareTimes.Add(b);
                envelopeTimes.Add(e);
                serviceTimes.Add(s);
                overBare.Add(s / b);
                overEnvelope.Add(s / e);
            }
        }

        overBare.Sort();
        overEnvelope.Sort();
        var bareMin = bareTimes.Min();
        var envelopeMin = envelopeTimes.Min();
        var serviceMin = serviceTimes.Min();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {operation} | {size} | {bareMin:F0} | {envelopeMin:F0} | {serviceMin:F0} | {serviceMin / bareMin:F2} | {overBare[overBare.Count / 2]:F2} | {serviceMin / envelopeMin:F2} | {overEnvelope[overEnvelope.Count / 2]:F2} |"));
    }

    private static double Time(Action action, int batch)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < batch; i++)
        {
            action();
        }

        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / batch;
    }
}
