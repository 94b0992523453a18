using TekUp.Security.Gdpr;

namespace TekUp.Security.Storage.Specification.Gdpr;

/// <summary>Conformance tests every provider's Gdpr stores must pass (requests, exports, restrictions, erasure records, subject keys).</summary>
public abstract class GdprStoreSpecification : StoreSpecification
{
    private const string Tenant = "acme";

    private IDataSubjectRequestStore Requests => Get<IDataSubjectRequestStore>();

    private DataSubjectRequest NewRequest(string subject = "c-42", TimeSpan? dueIn = null) => new()
    {
        Id = Guid.NewGuid(),
        TenantId = Tenant,
        Kind = DataSubjectRequestKind.Erasure,
        SubjectId = subject,
        Status = DataSubjectRequestStatus.Received,
        ReceivedAt = Time.GetUtcNow(),
        DueAt = Time.GetUtcNow() + (dueIn ?? TimeSpan.FromDays(31)),
        Tasks = [new SourceTask { Category = "customers" }, new SourceTask { Category = "invoices" }],
        Version = 1,
    };

    [Fact]
    public async Task Requests_CreateThenFind_RoundTripsEveryField()
    {
        var request = NewRequest() with
        {
            Purpose = "marketing",
            ExtendedDueAt = Time.GetUtcNow().AddDays(90),
            ExtensionReason = "Complex — æøå",
            Tasks =
            [
                new SourceTask { Category = "customers", Status = SourceTaskStatus.Failed, Attempts = 2, Error = "source_exception:TimeoutException", LastAttemptAt = Time.GetUtcNow() },
                new SourceTask
                {
                    Category = "invoices",
                    Status = SourceTaskStatus.Retained,
                    RecordCount = 1,
                    ErasedRecordsHash = new string('a', 64),
                    Retention = new RetainedData
                    {
                        Category = "invoices", RecordCount = 2, LegalBasis = "bogføringsloven §10", Ground = ErasureExemption.LegalObligation,
                        PeriodDescription = "5 year(s)", RetainedUntil = Time.GetUtcNow().AddYears(5), NextPurgeAt = Time.GetUtcNow().AddYears(4),
                    },
                },
            ],
        };
        await Requests.CreateAsync(request);

        var found = await Requests.FindAsync(Tenant, request.Id);

        Assert.NotNull(found);
        Assert.Equal(request with { Tasks = [] }, found with { Tasks = [] });
        Assert.Equal(request.Tasks, found.Tasks);
        Assert.Null(await Requests.FindAsync("other", request.Id));
        await Assert.ThrowsAsync<DuplicateRecordException>(() => Requests.CreateAsync(request));
    }

    [Fact]
    public async Task Requests_UpdateWithStaleVersion_ThrowsConcurrencyException()
    {
        var request = NewRequest();
        await Requests.CreateAsync(request);
        await Requests.UpdateAsync(request with { Status = DataSubjectRequestStatus.IdentityVerified, Version = 2 }, 1);

        await Assert.ThrowsAsync<ConcurrencyException>(() => Requests.UpdateAsync(request with { Status = DataSubjectRequestStatus.Rejected, Version = 2 }, 1));
        await Assert.ThrowsAsync<ConcurrencyException>(() => Requests.UpdateAsync(NewRequest() with { Version = 2 }, 1));
        Assert.Equal(DataSubjectRequestStatus.IdentityVerified, (await Requests.FindAsync(Tenant, request.Id))!.Status);
    }

    [Fact]
    public async Task Requests_ListOverdueRetentionAndSubject_FilterAndOrder()
    {
        var late = NewRequest(dueIn: TimeSpan.FromDays(2));
        var early = NewRequest(dueIn: TimeSpan.FromDays(1));
        var closed = NewRequest(dueIn: TimeSpan.FromDays(1)) with { Status = DataSubjectRequestStatus.Completed, SubjectId = "c-9" };
        var retained = closed with
        {
            Id = Guid.NewGuid(),
            Status = DataSubjectRequestStatus.PartiallyCompleted,
            Tasks = [new SourceTask { Category = "invoices", Status = SourceTaskStatus.Retained, Retention = new RetainedData { Category = "invoices", RecordCount = 1, LegalBasis = "x", Ground = ErasureExemption.LegalObligation, PeriodDescription = "x", RetainedUntil = Time.GetUtcNow().AddDays(10), NextPurgeAt = Time.GetUtcNow().AddDays(5) } }],
        };
        foreach (var request in new[] { late, early, closed, retained })
        {
            await Requests.CreateAsync(request);
        }

        Assert.Empty(await Requests.ListOverdueAsync(Tenant, Time.GetUtcNow()));
        Assert.Equal([early.Id, late.Id], (await Requests.ListOverdueAsync(Tenant, Time.GetUtcNow().AddDays(3))).Select(r => r.Id));
        Assert.Empty(await Requests.ListOverdueAsync("other", Time.GetUtcNow().AddDays(3)));
        Assert.Empty(await Requests.ListRetentionEndedAsync(Tenant, Time.GetUtcNow().AddDays(4)));
        Assert.Equal([retained.Id], (await Requests.ListRetentionEndedAsync(Tenant, Time.GetUtcNow().AddDays(5))).Select(r => r.Id));
        Assert.Equal(2, (await Requests.ListBySubjectAsync(Tenant, "c-9")).Count);
    }

    [Fact]
    public async Task Exports_CreateFindAndDeleteExpired()
    {
        var store = Get<IExportStore>();
        var export = new ExportRecord
        {
            Id = Guid.NewGuid(), TenantId = Tenant, RequestId = Guid.NewGuid(), CreatedAt = Time.GetUtcNow(),
            ExpiresAt = Time.GetUtcNow().AddDays(7), ManifestSha256 = new string('b', 64), Ciphertext = [1, 2, 3, 0, 255],
        };
        await store.CreateAsync(export);

        var found = await store.FindAsync(Tenant, export.Id);

        Assert.Equal(export with { Ciphertext = [] }, found! with { Ciphertext = [] });
        Assert.Equal(export.Ciphertext, found.Ciphertext);
        Assert.Null(await store.FindAsync("other", export.Id));
        await Assert.ThrowsAsync<DuplicateRecordException>(() => store.CreateAsync(export));
        Assert.Equal(0, await store.DeleteExpiredAsync(Time.GetUtcNow().AddDays(6)));
        Assert.Equal(1, await store.DeleteExpiredAsync(Time.GetUtcNow().AddDays(7)));
        Assert.Null(await store.FindAsync(Tenant, export.Id));
    }

    [Fact]
    public async Task Limits_AddIsIdempotentListAndRemove()
    {
        var store = Get<IProcessingLimitStore>();
        var objection = new ProcessingLimit { TenantId = Tenant, SubjectReference = "ref-1", Kind = ProcessingLimitKind.Objection, Purpose = "marketing", RecordedAt = Time.GetUtcNow(), RequestId = Guid.NewGuid() };
        var restriction = objection with { Kind = ProcessingLimitKind.Restriction, Purpose = ProcessingLimit.AllPurposes, RequestId = null };
        await store.AddAsync(objection);
        await store.AddAsync(objection with { RecordedAt = Time.GetUtcNow().AddDays(1) });
        await store.AddAsync(restriction);

        Assert.Equal([restriction, objection], await store.ListAsync(Tenant, "ref-1"));
        Assert.Empty(await store.ListAsync("other", "ref-1"));
        Assert.True(await store.RemoveAsync(Tenant, "ref-1", ProcessingLimitKind.Objection, "marketing"));
        Assert.False(await store.RemoveAsync(Tenant, "ref-1", ProcessingLimitKind.Objection, "marketing"));
        Assert.Equal([restriction], await store.ListAsync(Tenant, "ref-1"));
    }

    [Fact]
    public async Task ErasureRecords_SaveReplacesAndRoundTrips()
    {
        var store = Get<IErasureRecordStore>();
        var record = new ErasureRecord
        {
            TenantId = Tenant, RequestId = Guid.NewGuid(), CreatedAt = Time.GetUtcNow(), UpdatedAt = Time.GetUtcNow(),
            Entries = [new ErasureEntry { Category = "customers", ErasedAt = Time.GetUtcNow(), RecordCount = 1, RecordIdsHash = new string('c', 64) }],
            VerificationHash = "x",
        };
        record = record with { VerificationHash = ErasureRecord.ComputeVerificationHash(record) };
        await store.SaveAsync(record);
        var later = record with { SubjectKeyDestroyedAt = Time.GetUtcNow().AddDays(1) };
        later = later with { VerificationHash = ErasureRecord.ComputeVerificationHash(later) };
        await store.SaveAsync(later);

        var found = await store.FindAsync(Tenant, record.RequestId);

        Assert.NotNull(found);
        Assert.True(found.Verify());
        Assert.Equal(later.SubjectKeyDestroyedAt, found.SubjectKeyDestroyedAt);
        Assert.Equal(later.Entries, found.Entries);
        Assert.Null(await store.FindAsync("other", record.RequestId));
    }

    [Fact]
    public async Task SubjectKeys_OneActivePerSubjectAndDestroyErasesMaterial()
    {
        var store = Get<ISubjectKeyStore>();
        var key = new SubjectKeyRecord { TenantId = Tenant, KeyId = Guid.NewGuid(), SubjectReference = "ref-1", KeyEncryptionKeyId = "kek-1", WrappedKey = [9, 8, 7], CreatedAt = Time.GetUtcNow() };
        await store.CreateAsync(key);

        await Assert.ThrowsAsync<DuplicateRecordException>(() => store.CreateAsync(key with { KeyId = Guid.NewGuid() }));
        var active = await store.FindActiveAsync(Tenant, "ref-1");
        Assert.Equal(key.KeyId, active!.KeyId);
        Assert.Equal(key.WrappedKey, active.WrappedKey);
        Assert.Null(await store.FindActiveAsync("other", "ref-1"));

        Assert.True(await store.DestroyAsync(Tenant, key.KeyId, Time.GetUtcNow()));
        Assert.False(await store.DestroyAsync(Tenant, key.KeyId, Time.GetUtcNow()));
        Assert.Null(await store.FindActiveAsync(Tenant, "ref-1"));
        var tombstone = await store.FindAsync(Tenant, key.KeyId);
        Assert.Null(tombstone!.WrappedKey);
        Assert.Equal(Time.GetUtcNow(), tombstone.DestroyedAt);

        var next = key with { KeyId = Guid.NewGuid(), WrappedKey = [1] };
        await store.CreateAsync(next);
        Assert.Equal(next.KeyId, (await store.FindActiveAsync(Tenant, "ref-1"))!.KeyId);
    }
}
