using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TekUp.Security.Auditing;

namespace TekUp.Security.Benchmarks.Auditing;

/// <summary>
/// A load-tolerant companion of <see cref="AuditAppendBenchmarks"/> for a shared machine: each round times a batch of
/// the bare primitive (SHA-256 over the canonical content bytes), then a batch of in-memory appends + flush, then a
/// batch on SQLite, so every side sees the same background load. Reports the fastest (least disturbed) batch per
/// entry and the median of per-round ratios.
/// </summary>
internal static class AuditInterleavedCheck
{
    private const int Rounds = 100;
    private const int WarmupRounds = 10;
    private const int BatchEntries = 2_000;

    public static void Run() => RunAsync().GetAwaiter().GetResult();

    private static async Task RunAsync()
    {
        var benchmark = new AuditAppendBenchmarks();
        benchmark.GlobalSetup();
        var file = Path.Combine(Path.GetTempPath(), $"tekup-audit-interleaved-{Guid.NewGuid():N}.db");
        await using var memory = Host(null);
        await using var sqlite = Host(file);
        var trails = new[] { memory.GetRequiredService<IAuditTrail>(), sqlite.GetRequiredService<IAuditTrail>() };
        var record = new AuditRecord
        {
            EventType = "invoice.read",
            TenantId = "acme",
            Actor = "api-key:4f2a9c",
            Subject = "customer-42@example.com",
            Resource = "invoices/2026-0042",
            Data = new Dictionary<string, string> { ["ip"] = "203.0.113.7", ["route"] = "/invoices/{id}" },
        };

        var bare = new List<double>();
        var stores = new[] { new List<double>(), new List<double>() };
        for (var round = 0; round < Rounds; round++)
        {
            var start = Stopwatch.GetTimestamp();
            benchmark.Sha256Batch(BatchEntries);
            var bareNs = Stopwatch.GetElapsedTime(start).TotalNanoseconds / BatchEntries;
            var storeNs = new double[2];
            for (var s = 0; s < trails.Length; s++)
            {
                start = Stopwatch.GetTimestamp();
                for (var i = 0; i < BatchEntries; i++)
                {
                    await trails[s].AppendAsync(record);
                }

                await trails[s].FlushAsync();
                storeNs[s] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / BatchEntries;
            }

            if (round >= WarmupRounds)
            {
                bare.Add(bareNs);
                stores[0].Add(storeNs[0]);
                stores[1].Add(storeNs[1]);
            }
        }

        var verified = await trails[1].VerifyAsync();
        Console.WriteLine($"{Rounds - WarmupRounds} rounds of {BatchEntries} entries; SQLite chain verifies: {verified.IsValid} ({verified.LastSequence} entries)");
        Console.WriteLine("| store | bare SHA-256 min (ns/entry) | append+flush min (ns/entry) | entries/s at min | ratio of minima | median of round ratios | median entries/s |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        string[] names = ["InMemory", "Sqlite"];
        for (var s = 0; s < 2; s++)
        {
            var ratios = stores[s].Select((ns, i) => ns / bare[i]).Order().ToList();
            var median = stores[s].Order().ElementAt(stores[s].Count / 2);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {names[s]} | {bare.Min():F0} | {stores[s].Min():F0} | {1e9 / stores[s].Min():N0} | {stores[s].Min() / bare.Min():F1} | {ratios[ratios.Count / 2]:F1} | {1e9 / median:N0} |"));
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(file + suffix);
        }
    }

    private static ServiceProvider Host(string? sqliteFile)
    {
        var key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var services = new ServiceCollection();
        services.AddLogging();
        var builder = services.AddTekUpSecurity().ConfigureAuditTrail(o =>
        {
            o.SigningKey = key;
            o.PseudonymKey = key;
        });
        if (sqliteFile is null)
        {
            builder.UseInMemoryStores();
        }
        else
        {
            builder.UseSqlite($"Data Source={sqliteFile}");
        }

        return services.BuildServiceProvider();
    }
}
