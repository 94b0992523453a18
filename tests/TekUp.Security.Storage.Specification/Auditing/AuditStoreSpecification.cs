using System.Security.Cryptography;
using System.Text;
using TekUp.Security.Auditing;

namespace TekUp.Security.Storage.Specification.Auditing;

/// <summary>Conformance tests every <see cref="IAuditStore"/> must pass.</summary>
public abstract class AuditStoreSpecification : StoreSpecification
{
    /// <summary>A fixed 32-byte signing key, so every instance verifies every other's checkpoints.</summary>
    protected static readonly string SigningKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private static readonly IReadOnlyDictionary<string, string> EmptyData = new Dictionary<string, string>();

    private IAuditStore Store => Get<IAuditStore>();

    /// <inheritdoc />
    protected override void ConfigureModules(ITekUpSecurityBuilder builder) =>
        builder.ConfigureAuditTrail(o =>
        {
            o.SigningKey = SigningKey;
            o.PseudonymKey = SigningKey;
            o.CheckpointInterval = 10;
            o.BatchSize = 16;
        });

    /// <summary>Builds a batch of <paramref name="count"/> entries continuing after <paramref name="after"/>.</summary>
    protected AuditBatch Batch(string chainId, long after, string previousHash, int count, long previousCheckpoint = 0, int checkpointInterval = 10)
    {
        var entries = new List<AuditEntry>();
        var checkpoints = new List<AuditCheckpoint>();
        for (var i = 1; i <= count; i++)
        {
            var sequence = after + i;
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{chainId}/{sequence}/{previousHash}")));
            entries.Add(new AuditEntry
            {
                ChainId = chainId,
                Sequence = sequence,
                Timestamp = Time.GetUtcNow().AddMinutes(sequence),
                TenantId = sequence % 2 == 0 ? "acme" : "globex",
                EventType = sequence % 3 == 0 ? "key.rotated" : "invoice.read",
                Actor = sequence % 4 == 0 ? null : "user-1",
                SubjectPseudonym = sequence % 5 == 0 ? null : "pseudonym",
                Resource = sequence == 1 ? "ræv/🔑/\"quoted\"" : $"invoices/{sequence}",
                Outcome = sequence % 2 == 0 ? AuditOutcome.Success : AuditOutcome.Denied,
                Reason = sequence % 2 == 0 ? null : "missing_permission",
                Data = sequence % 2 == 0 ? EmptyData : new Dictionary<string, string> { ["b"] = "2", ["a"] = "æ" },
                PreviousHash = previousHash,
                Hash = hash,
            });
            if (sequence % checkpointInterval == 0)
            {
                checkpoints.Add(Checkpoint(chainId, AuditCheckpointKind.Periodic, sequence, hash, previousCheckpoint));
                previousCheckpoint = sequence;
            }

            previousHash = hash;
        }

        return new AuditBatch(chainId, entries, checkpoints, Checkpoint(chainId, AuditCheckpointKind.Head, after + count, previousHash, previousCheckpoint));
    }

    private AuditCheckpoint Checkpoint(string chainId, AuditCheckpointKind kind, long sequence, string hash, long previous) => new()
    {
        ChainId = chainId,
        Kind = kind,
        Sequence = sequence,
        Hash = hash,
        PreviousCheckpointSequence = previous,
        Timestamp = Time.GetUtcNow(),
        Algorithm = "SHA-256",
        KeyId = "spec-1",
        Signature = new string('5', 64),
    };

    private static async Task<List<T>> ListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }

    [Fact]
    public async Task GetHeadAsync_NewChain_ReturnsNullAndNoEntries()
    {
        Assert.Null(await Store.GetHeadAsync("billing"));
        Assert.Equal(0, await Store.GetLastSequenceAsync("billing"));
        Assert.Empty(await ListAsync(Store.ReadAsync("billing", 1, long.MaxValue)));
    }

    [Fact]
    public async Task AppendAsync_FirstBatch_RoundTripsEveryField()
    {
        var batch = Batch("billing", 0, AuditEntry.GenesisHash, 12);

        await Store.AppendAsync(batch);

        var stored = await ListAsync(Store.ReadAsync("billing", 1, long.MaxValue));
        Assert.Equal(12, stored.Count);
        for (var i = 0; i < stored.Count; i++)
        {
            var expected = batch.Entries[i];
            var actual = stored[i];
            Assert.Equal(expected with { Data = EmptyData }, actual with { Data = EmptyData });
            Assert.Equal(expected.Data.OrderBy(p => p.Key, StringComparer.Ordinal), actual.Data.OrderBy(p => p.Key, StringComparer.Ordinal));
        }

        Assert.Equal(batch.Head, await Store.GetHeadAsync("billing"));
        Assert.Equal(batch.Checkpoints, await ListAsync(Store.ReadCheckpointsAsync("billing", 1, long.MaxValue)));
        Assert.Equal(12, await Store.GetLastSequenceAsync("billing"));
    }

    [Fact]
    public async Task AppendAsync_NextBatch_ContinuesTheChainAndReplacesTheHead()
    {
        var first = Batch("billing", 0, AuditEntry.GenesisHash, 15);
        await Store.AppendAsync(first);

        var second = Batch("billing", 15, first.Head.Hash, 10, previousCheckpoint: 10);
        await Store.AppendAsync(second);

        Assert.Equal(second.Head, await Store.GetHeadAsync("billing"));
        Assert.Equal([10L, 20L], (await ListAsync(Store.ReadCheckpointsAsync("billing", 1, long.MaxValue))).Select(c => c.Sequence));
        Assert.Equal([21L, 22L], (await ListAsync(Store.ReadAsync("billing", 21, 22))).Select(e => e.Sequence));
        Assert.Equal([20L], (await ListAsync(Store.ReadCheckpointsAsync("billing", 11, 20))).Select(c => c.Sequence));
    }

    [Fact]
    public async Task AppendAsync_BatchNotFollowingTheHead_ThrowsConflictAndStoresNothing()
    {
        var first = Batch("billing", 0, AuditEntry.GenesisHash, 5);
        await Store.AppendAsync(first);

        await Assert.ThrowsAsync<AuditChainConflictException>(() => Store.AppendAsync(Batch("billing", 0, AuditEntry.GenesisHash, 3)));
        await Assert.ThrowsAsync<AuditChainConflictException>(() => Store.AppendAsync(Batch("billing", 6, first.Head.Hash, 3)));
        await Assert.ThrowsAsync<AuditChainConflictException>(() => Store.AppendAsync(Batch("billing", 5, new string('f', 64), 3)));

        Assert.Equal(5, await Store.GetLastSequenceAsync("billing"));
        Assert.Equal(first.Head, await Store.GetHeadAsync("billing"));
    }

    [Fact]
    public async Task AppendAsync_NewChainNotStartingAtOne_ThrowsConflict()
    {
        await Assert.ThrowsAsync<AuditChainConflictException>(() => Store.AppendAsync(Batch("billing", 3, AuditEntry.GenesisHash, 2)));

        Assert.Null(await Store.GetHeadAsync("billing"));
    }

    [Fact]
    public async Task AppendAsync_TwoChains_AreKeptApart()
    {
        await Store.AppendAsync(Batch("billing", 0, AuditEntry.GenesisHash, 4));
        await Store.AppendAsync(Batch("payroll", 0, AuditEntry.GenesisHash, 2));

        Assert.Equal(4, await Store.GetLastSequenceAsync("billing"));
        Assert.Equal(2, await Store.GetLastSequenceAsync("payroll"));
        Assert.All(await ListAsync(Store.ReadAsync("payroll", 1, 100)), e => Assert.Equal("payroll", e.ChainId));
    }

    [Fact]
    public async Task QueryAsync_Filters_ReturnMatchingEntriesInSequenceOrder()
    {
        await Store.AppendAsync(Batch("billing", 0, AuditEntry.GenesisHash, 30));
        await Store.AppendAsync(Batch("payroll", 0, AuditEntry.GenesisHash, 30));
        var start = Time.GetUtcNow();

        var acme = await ListAsync(Store.QueryAsync("billing", new AuditQuery { TenantId = "acme" }));
        var rotated = await ListAsync(Store.QueryAsync("billing", new AuditQuery { EventType = "key.rotated", TenantId = "globex" }));
        var window = await ListAsync(Store.QueryAsync("billing", new AuditQuery { From = start.AddMinutes(5), To = start.AddMinutes(8) }));
        var page = await ListAsync(Store.QueryAsync("billing", new AuditQuery { TenantId = "acme", FromSequence = 11, ToSequence = 29, Limit = 3 }));

        Assert.Equal(Enumerable.Range(1, 15).Select(i => (long)(i * 2)), acme.Select(e => e.Sequence));
        Assert.Equal([3L, 9L, 15L, 21L, 27L], rotated.Select(e => e.Sequence));
        Assert.Equal([5L, 6L, 7L], window.Select(e => e.Sequence));
        Assert.Equal([12L, 14L, 16L], page.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Trail_TwoInstancesAppendingAtOnce_KeepOneValidChain()
    {
        var first = Services.GetRequiredService<IAuditTrail>();
        var second = CreateInstance().GetRequiredService<IAuditTrail>();

        await Task.WhenAll(AppendAsync(first, "first", 120), AppendAsync(second, "second", 120));

        var result = await first.VerifyAsync();
        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(240, result.LastSequence);
        Assert.Equal(120, (await ListAsync(first.QueryAsync(new AuditQuery { Actor = "second" }))).Count);
    }

    private static async Task AppendAsync(IAuditTrail trail, string actor, int count)
    {
        await Task.Yield();
        for (var i = 0; i < count; i++)
        {
            await trail.AppendAsync(new AuditRecord { EventType = "invoice.read", TenantId = "acme", Actor = actor, Subject = $"person-{i}" });
            if (i % 25 == 0)
            {
                await trail.FlushAsync();
            }
        }

        await trail.FlushAsync();
    }
}
