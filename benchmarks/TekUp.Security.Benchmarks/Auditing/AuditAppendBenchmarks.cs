using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TekUp.Security.Auditing;
using TekUp.Security.Auditing.Internal;

namespace TekUp.Security.Benchmarks.Auditing;

/// <summary>
/// Throughput of appending <see cref="Entries"/> records and flushing them, per entry: in memory and on SQLite (a temp
/// file, WAL), against the bare primitive — SHA-256 over the same canonical entry bytes. Each iteration starts a fresh
/// host (and file) in <see cref="IterationSetup"/>, outside the measurement. Targets: in memory ≥ 500k entries/s
/// (≤ 2 µs per entry), SQLite ≥ 50k entries/s (≤ 20 µs per entry).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class AuditAppendBenchmarks
{
    /// <summary>Entries per measured operation batch.</summary>
    public const int Entries = 20_000;

    private static readonly string Key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private readonly AuditRecord _record = new()
    {
        EventType = "invoice.read",
        TenantId = "acme",
        Actor = "api-key:4f2a9c",
        Subject = "customer-42@example.com",
        Resource = "invoices/2026-0042",
        Outcome = AuditOutcome.Success,
        Data = new Dictionary<string, string> { ["ip"] = "203.0.113.7", ["route"] = "/invoices/{id}" },
    };

    private byte[] _canonical = null!;
    private ServiceProvider? _provider;
    private IAuditTrail _trail = null!;
    private string? _file;

    /// <summary>The store under test (ignored by the baseline).</summary>
    [Params("InMemory", "Sqlite")]
    public string Store { get; set; } = "InMemory";

    [GlobalSetup]
    public void GlobalSetup()
    {
        // The baseline hashes exactly the canonical content bytes the trail builds for this record.
        _canonical = CanonicalBytes();
        var content = new byte[32];
        new AuditCanonicalForm().ContentHash("tekup", 1_768_471_200_000, _record.TenantId, _record.EventType, _record.Actor,
            "pseudonym-of-the-subject-43-characters-lon", _record.Resource, _record.Outcome, null, _record.Data!, content);
        if (!SHA256.HashData(_canonical).AsSpan().SequenceEqual(content))
        {
            throw new InvalidOperationException("The baseline bytes differ from the trail's canonical form.");
        }
    }

    [IterationSetup]
    public void IterationSetup()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var builder = services.AddTekUpSecurity().ConfigureAuditTrail(o =>
        {
            o.SigningKey = Key;
            o.PseudonymKey = Key;
        });
        if (Store == "Sqlite")
        {
            _file = Path.Combine(Path.GetTempPath(), $"tekup-bench-{Guid.NewGuid():N}.db");
            builder.UseSqlite($"Data Source={_file}");
        }
        else
        {
            builder.UseInMemoryStores();
        }

        _provider = services.BuildServiceProvider();
        _trail = _provider.GetRequiredService<IAuditTrail>();
        // Open the store (and migrate the file) before measuring.
        _trail.VerifyAsync().GetAwaiter().GetResult();
    }

    [IterationCleanup]
    public void IterationCleanup()
    {
        _provider?.Dispose();
        if (_file is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_file + suffix);
            }

            _file = null;
        }
    }

    /// <summary>The bare primitive: SHA-256 over the canonical content bytes of one entry, per entry.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Entries)]
    public byte Sha256CanonicalBytes() => Sha256Batch(Entries);

    internal byte Sha256Batch(int count)
    {
        Span<byte> hash = stackalloc byte[32];
        byte sum = 0;
        for (var i = 0; i < count; i++)
        {
            SHA256.HashData(_canonical, hash);
            sum ^= hash[0];
        }

        return sum;
    }

    /// <summary>Append <see cref="Entries"/> records and flush: validation, pseudonym, channel, chain, checkpoints, store.</summary>
    [Benchmark(OperationsPerInvoke = Entries)]
    public async Task AppendAndFlush()
    {
        for (var i = 0; i < Entries; i++)
        {
            await _trail.AppendAsync(_record);
        }

        await _trail.FlushAsync();
    }

    private byte[] CanonicalBytes()
    {
        // Same layout as AuditCanonicalForm's content bytes for the benchmark record (see docs/audit-trail.md).
        using var stream = new MemoryStream();
        void Int(int v) { Span<byte> b = stackalloc byte[4]; System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(b, v); stream.Write(b); }
        void Long(long v) { Span<byte> b = stackalloc byte[8]; System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(b, v); stream.Write(b); }
        void Str(string? s)
        {
            if (s is null)
            {
                Int(-1);
                return;
            }

            var bytes = System.Text.Encoding.UTF8.GetBytes(s);
            Int(bytes.Length);
            stream.Write(bytes);
        }

        stream.Write("TKAE"u8);
        stream.WriteByte(1);
        Str("tekup");
        Long(1_768_471_200_000);
        Str(_record.TenantId);
        Str(_record.EventType);
        Str(_record.Actor);
        Str("pseudonym-of-the-subject-43-characters-lon");
        Str(_record.Resource);
        Int((int)_record.Outcome);
        Str(null);
        Int(2);
        Str("ip");
        Str("203.0.113.7");
        Str("route");
        Str("/invoices/{id}");
        return stream.ToArray();
    }
}
