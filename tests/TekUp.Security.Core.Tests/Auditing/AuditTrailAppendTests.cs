using TekUp.Security.Auditing;

namespace TekUp.Security.Core.Tests.Auditing;

public sealed class AuditTrailAppendTests
{
    [Fact]
    public async Task AppendAsync_ThenFlush_StoresConsecutiveEntriesChainedFromGenesis()
    {
        await using var host = new AuditTestHost();

        await host.AppendAsync(25);

        var entries = await host.AllAsync();
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(AuditEntry.GenesisHash, entries[0].PreviousHash);
        for (var i = 1; i < entries.Count; i++)
        {
            Assert.Equal(entries[i - 1].Hash, entries[i].PreviousHash);
        }

        Assert.All(entries, e => Assert.Equal("billing", e.ChainId));
        Assert.Equal(host.Time.GetUtcNow(), entries[0].Timestamp);
        Assert.Equal("invoices/1", entries[0].Resource);
        Assert.Equal("1", entries[0].Data["index"]);
    }

    [Fact]
    public async Task AppendAsync_CheckpointInterval_SignsPeriodicCheckpointsAndHead()
    {
        var store = new ListAuditStore();
        await using var host = new AuditTestHost(store: store);

        await host.AppendAsync(25);

        Assert.Equal([10L, 20L], store.Checkpoints.Select(c => c.Sequence));
        Assert.Equal([0L, 10L], store.Checkpoints.Select(c => c.PreviousCheckpointSequence));
        Assert.All(store.Checkpoints, c => Assert.Equal("test-1", c.KeyId));
        Assert.All(store.Checkpoints, c => Assert.Equal("SHA-256", c.Algorithm));
        Assert.NotNull(store.Head);
        Assert.Equal(25, store.Head.Sequence);
        Assert.Equal(20, store.Head.PreviousCheckpointSequence);
        Assert.Equal(store.Entries[^1].Hash, store.Head.Hash);
    }

    [Fact]
    public async Task AppendAsync_ParallelFromManyTasks_ChainStaysValidAndNothingIsLost()
    {
        await using var host = new AuditTestHost(o => o.QueueCapacity = 64);
        const int tasks = 16;
        const int perTask = 250;

        await Task.WhenAll(Enumerable.Range(0, tasks).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < perTask; i++)
            {
                await host.Trail.AppendAsync(AuditTestHost.Record((t * perTask) + i, tenant: $"tenant-{t}"));
            }
        })));
        await host.Trail.FlushAsync();

        var entries = await host.AllAsync();
        Assert.Equal(tasks * perTask, entries.Count);
        Assert.Equal(tasks * perTask, entries.Select(e => e.Resource).Distinct().Count());
        var result = await host.Trail.VerifyAsync();
        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(tasks * perTask, result.EntriesVerified);
    }

    [Fact]
    public async Task AppendAsync_TwoInstancesOnOneStore_ReChainOnConflictAndStayValid()
    {
        var store = new ListAuditStore();
        await using var first = new AuditTestHost(store: store);
        await using var second = new AuditTestHost(store: store);

        await Task.WhenAll(
            Task.Run(() => first.AppendAsync(200, start: 0, tenant: "first")),
            Task.Run(() => second.AppendAsync(200, start: 1000, tenant: "second")));

        Assert.Equal(400, store.Entries.Count);
        Assert.Equal(200, store.Entries.Count(e => e.TenantId == "first"));
        var result = await first.Trail.VerifyAsync();
        Assert.True(result.IsValid, result.Detail);
    }

    [Fact]
    public async Task FlushAsync_AfterAppends_RecordsAppendedCountAndBatchSizes()
    {
        await using var host = new AuditTestHost(o => o.BatchSize = 4);
        var meter = host.Provider.GetRequiredService<TekUp.Security.Auditing.Internal.AuditMetrics>().Meter;
        long appended = 0;
        var batchSizes = new List<int>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "tekup.security.audit.appended")
            {
                Interlocked.Add(ref appended, value);
            }
        });
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
        {
            lock (batchSizes)
            {
                batchSizes.Add(value);
            }
        });
        listener.Start();

        await host.AppendAsync(10);

        Assert.Equal("TekUp.Security", meter.Name);
        Assert.Equal(10, Interlocked.Read(ref appended));
        Assert.Equal(10, batchSizes.Sum());
        Assert.All(batchSizes, size => Assert.InRange(size, 1, 4));
    }

    [Fact]
    public async Task AppendAsync_Subject_IsStoredOnlyAsStableKeyedPseudonym()
    {
        var store = new ListAuditStore();
        await using var host = new AuditTestHost(store: store);

        await host.Trail.AppendAsync(new AuditRecord { EventType = "gdpr.access_requested", Subject = "alice@example.com", TenantId = "acme" });
        await host.Trail.AppendAsync(new AuditRecord { EventType = "gdpr.access_requested", Subject = "alice@example.com", TenantId = "acme" });
        await host.Trail.FlushAsync();

        var entries = store.Entries;
        Assert.DoesNotContain(entries, e => e.ToString().Contains("alice", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(entries[0].SubjectPseudonym, entries[1].SubjectPseudonym);
        Assert.Equal(AuditTestHost.OfflineKeys().Pseudonymize("alice@example.com"), entries[0].SubjectPseudonym);
        Assert.NotEqual(host.Keys.Pseudonymize("bob@example.com"), entries[0].SubjectPseudonym);
    }

    [Fact]
    public async Task AppendAsync_StoreHeldAndQueueFull_WaitsThenStoresEverything()
    {
        var store = new ListAuditStore();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.BeforeAppend = _ => gate.Task;
        await using var host = new AuditTestHost(o => { o.QueueCapacity = 4; o.BatchSize = 2; }, store);

        // The consumer takes one batch of 2 and blocks in the store; 4 more fill the queue; the next append must wait.
        var appends = new List<Task>();
        for (var i = 0; i < 10; i++)
        {
            appends.Add(host.Trail.AppendAsync(AuditTestHost.Record(i)).AsTask());
        }

        await WaitUntilAsync(() => Volatile.Read(ref store.AppendCalls) >= 1);
        Assert.Contains(appends, t => !t.IsCompleted);
        Assert.Empty(store.Entries);

        gate.SetResult();
        await Task.WhenAll(appends);
        await host.Trail.FlushAsync();

        Assert.Equal(10, store.Entries.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"invoices/{i}"), store.Entries.Select(e => e.Resource));
    }

    [Fact]
    public async Task AppendAsync_CancelledWhileWaitingForSpace_DoesNotQueueTheRecord()
    {
        var store = new ListAuditStore();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.BeforeAppend = _ => gate.Task;
        await using var host = new AuditTestHost(o => { o.QueueCapacity = 1; o.BatchSize = 1; }, store);
        await host.Trail.AppendAsync(AuditTestHost.Record(1));
        await WaitUntilAsync(() => Volatile.Read(ref store.AppendCalls) >= 1);
        await host.Trail.AppendAsync(AuditTestHost.Record(2));
        using var cancel = new CancellationTokenSource();

        var waiting = host.Trail.AppendAsync(AuditTestHost.Record(3), cancel.Token).AsTask();
        Assert.False(waiting.IsCompleted);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        gate.SetResult();
        await host.Trail.FlushAsync();
        Assert.Equal(["invoices/1", "invoices/2"], store.Entries.Select(e => e.Resource));
    }

    [Fact]
    public async Task DisposeAsync_WithQueuedRecords_FlushesThemFirst()
    {
        var store = new ListAuditStore();
        var host = new AuditTestHost(store: store);
        for (var i = 0; i < 50; i++)
        {
            await host.Trail.AppendAsync(AuditTestHost.Record(i));
        }

        await host.DisposeAsync();

        Assert.Equal(50, store.Entries.Count);
        await using var verifier = new AuditTestHost(store: store);
        Assert.True((await verifier.Trail.VerifyAsync()).IsValid);
    }

    [Fact]
    public async Task Dispose_Synchronous_FlushesQueuedRecords()
    {
        var store = new ListAuditStore();
        var host = new AuditTestHost(store: store);
        for (var i = 0; i < 20; i++)
        {
            await host.Trail.AppendAsync(AuditTestHost.Record(i));
        }

        host.Provider.Dispose();

        Assert.Equal(20, store.Entries.Count);
    }

    [Fact]
    public async Task AppendAsync_AfterDispose_ThrowsObjectDisposed()
    {
        var host = new AuditTestHost();
        var trail = host.Trail;
        await host.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => trail.AppendAsync(AuditTestHost.Record(1)).AsTask());
    }

    [Fact]
    public async Task FlushAsync_StoreFails_SurfacesFailureThenRetriesWithoutLossOrDuplicates()
    {
        var store = new ListAuditStore();
        var failing = true;
        store.BeforeAppend = _ => failing ? throw new InvalidOperationException("disk full") : Task.CompletedTask;
        await using var host = new AuditTestHost(store: store);
        for (var i = 0; i < 20; i++)
        {
            await host.Trail.AppendAsync(AuditTestHost.Record(i));
        }

        var error = await Assert.ThrowsAsync<TekUp.Security.Storage.TekUpStorageException>(() => host.Trail.FlushAsync());
        Assert.IsType<InvalidOperationException>(error.InnerException);
        await Assert.ThrowsAsync<TekUp.Security.Storage.TekUpStorageException>(() => host.Trail.FlushAsync());
        Assert.Empty(store.Entries);

        failing = false;
        await host.Trail.FlushAsync();

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"invoices/{i}"), store.Entries.Select(e => e.Resource));
        Assert.True((await host.Trail.VerifyAsync()).IsValid);
    }

    [Fact]
    public async Task FlushAsync_StoreFailsOnce_BackgroundRetryStoresAfterDelay()
    {
        var store = new ListAuditStore();
        var failures = 1;
        store.BeforeAppend = _ => Interlocked.Decrement(ref failures) >= 0 ? throw new InvalidOperationException("busy") : Task.CompletedTask;
        await using var host = new AuditTestHost(store: store);
        await host.Trail.AppendAsync(AuditTestHost.Record(1));
        await WaitUntilAsync(() => Volatile.Read(ref store.AppendCalls) >= 1);

        // The retry waits on the fake clock: move it on until the back-off timer (registered after the failure) fires.
        await WaitUntilAsync(() =>
        {
            host.Time.Advance(TimeSpan.FromMilliseconds(100));
            return store.Entries.Count == 1;
        });

        await host.Trail.FlushAsync();
        Assert.Single(store.Entries);
    }

    [Fact]
    public async Task FlushAsync_HeadSignatureForged_RefusesToExtendTheChain()
    {
        var store = new ListAuditStore();
        await using (var writer = new AuditTestHost(store: store))
        {
            await writer.AppendAsync(5);
        }

        store.Head = store.Head! with { Signature = new string('0', 64) };
        await using var host = new AuditTestHost(store: store);
        await host.Trail.AppendAsync(AuditTestHost.Record(6));

        await Assert.ThrowsAsync<AuditCorruptionException>(() => host.Trail.FlushAsync());
        Assert.Equal(5, store.Entries.Count);
    }

    [Fact]
    public async Task FlushAsync_HeadDeletedButEntriesRemain_RefusesToRestartTheChain()
    {
        var store = new ListAuditStore();
        await using (var writer = new AuditTestHost(store: store))
        {
            await writer.AppendAsync(5);
        }

        store.Head = null;
        await using var host = new AuditTestHost(store: store);
        await host.Trail.AppendAsync(AuditTestHost.Record(6));

        await Assert.ThrowsAsync<AuditCorruptionException>(() => host.Trail.FlushAsync());
    }

    [Fact]
    public async Task AppendAsync_AfterSigningKeyRotation_OldCheckpointsStillVerify()
    {
        var store = new ListAuditStore();
        await using (var before = new AuditTestHost(store: store))
        {
            await before.AppendAsync(15);
        }

        var newKey = Convert.ToBase64String(Enumerable.Range(50, 32).Select(i => (byte)i).ToArray());
        await using var after = new AuditTestHost(o =>
        {
            o.SigningKey = newKey;
            o.SigningKeyId = "test-2";
            o.PreviousSigningKeys["test-1"] = AuditTestHost.SigningKey;
        }, store);
        await after.AppendAsync(10, start: 16);

        Assert.Equal(["test-1", "test-2"], store.Checkpoints.Select(c => c.KeyId));
        var result = await after.Trail.VerifyAsync();
        Assert.True(result.IsValid, result.Detail);
    }

    [Fact]
    public async Task QueryAsync_ByTenantTypeTimeAndPage_ReturnsMatchingEntriesInOrder()
    {
        await using var host = new AuditTestHost();
        await host.AppendAsync(10, tenant: "acme");
        host.Time.Advance(TimeSpan.FromHours(1));
        var later = host.Time.GetUtcNow();
        await host.AppendAsync(10, start: 11, tenant: "globex", eventType: "key.rotated");
        await host.AppendAsync(10, start: 21, tenant: "acme", eventType: "key.rotated");

        var acme = await ToListAsync(host.Trail.QueryAsync(new AuditQuery { TenantId = "acme" }));
        var rotated = await ToListAsync(host.Trail.QueryAsync(new AuditQuery { EventType = "key.rotated", TenantId = "acme" }));
        var early = await ToListAsync(host.Trail.QueryAsync(new AuditQuery { To = later }));
        var page = await ToListAsync(host.Trail.QueryAsync(new AuditQuery { From = later, FromSequence = 15, Limit = 3 }));

        Assert.Equal(20, acme.Count);
        Assert.Equal(Enumerable.Range(21, 10).Select(i => (long)i), rotated.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), early.Select(e => e.Sequence));
        Assert.Equal([15L, 16L, 17L], page.Select(e => e.Sequence));
    }

    [Theory]
    [InlineData(0, null, null)]
    [InlineData(null, 0L, null)]
    [InlineData(null, 5L, 4L)]
    [InlineData(AuditQuery.MaxLimit + 1, null, null)]
    public async Task QueryAsync_InvalidQuery_ThrowsArgumentException(int? limit, long? fromSequence, long? toSequence)
    {
        await using var host = new AuditTestHost();

        Assert.Throws<ArgumentException>(() => host.Trail.QueryAsync(new AuditQuery { Limit = limit, FromSequence = fromSequence, ToSequence = toSequence }));
    }

    [Fact]
    public void Resolve_NoStorageProvider_ThrowsClearMessage()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTekUpSecurity();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IAuditTrail>());
        Assert.Contains("UseSqlite", error.Message, StringComparison.Ordinal);
    }

    internal static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        // Polls real time only as a test-harness timeout; no assertion depends on elapsed wall-clock time.
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "The condition was not met in time.");
    }
}
