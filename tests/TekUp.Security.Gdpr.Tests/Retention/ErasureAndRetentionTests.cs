using TekUp.Security.Gdpr.Tests.TestSupport;

namespace TekUp.Security.Gdpr.Tests.Retention;

public sealed class ErasureAndRetentionTests
{
    private const string Tenant = GdprHarness.Tenant;

    [Fact]
    public async Task ProcessAsync_Erasure_ErasesCustomerKeepsRecentInvoiceAndExplains()
    {
        await using var host = new GdprHarness();
        host.SeedCustomer();
        var request = await host.VerifiedAsync(DataSubjectRequestKind.Erasure);

        var result = await host.Requests.ProcessAsync(Tenant, request.Id);

        Assert.Equal(DataSubjectRequestStatus.PartiallyCompleted, result.Request!.Status);
        Assert.False(host.Customers.Contains(Tenant, "c-42"));
        Assert.Equal(1, host.Invoices.Count(Tenant, "c-42")); // the 2019 invoice's retention ended on 2025-01-01
        var invoices = result.Request.Tasks.Single(t => t.Category == "invoices");
        Assert.Equal(SourceTaskStatus.Retained, invoices.Status);
        Assert.Equal(1, invoices.RecordCount);
        var kept = invoices.Retention!;
        Assert.Equal(1, kept.RecordCount);
        Assert.Equal("Danish Bookkeeping Act (bogføringsloven) §10", kept.LegalBasis);
        Assert.Equal(ErasureExemption.LegalObligation, kept.Ground);
        Assert.Equal("Art. 17(3)(b)", kept.GroundReference);
        Assert.Equal(new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero), kept.RetainedUntil); // 5 years after 31 Dec 2025
        Assert.Contains("5 year(s) from the end of the financial year", kept.PeriodDescription, StringComparison.Ordinal);

        var record = await host.Requests.GetErasureRecordAsync(Tenant, request.Id);
        Assert.NotNull(record);
        Assert.True(record.Verify());
        Assert.Equal(["customers", "invoices"], record.Entries.Select(e => e.Category));
        Assert.Equal(ErasureRecord.HashRecordIds(Tenant, request.Id, "invoices", ["c-42-2019-001"]), record.Entries[1].RecordIdsHash);
        Assert.Single(record.Retained);
        Assert.Null(record.SubjectKeyDestroyedAt); // data is still kept: the subject key must survive until the purge
    }

    [Fact]
    public async Task ProcessAsync_ErasureRepeated_IsIdempotent()
    {
        await using var host = new GdprHarness();
        host.SeedCustomer();
        var first = await host.VerifiedAsync(DataSubjectRequestKind.Erasure);
        var firstResult = await host.Requests.ProcessAsync(Tenant, first.Id);
        var again = await host.Requests.ProcessAsync(Tenant, first.Id);
        Assert.Equal(firstResult.Request!.Version, again.Request!.Version);

        var second = await host.VerifiedAsync(DataSubjectRequestKind.Erasure);
        var secondResult = await host.Requests.ProcessAsync(Tenant, second.Id);

        Assert.True(secondResult.Succeeded);
        Assert.Equal(DataSubjectRequestStatus.PartiallyCompleted, secondResult.Request!.Status);
        Assert.Equal(SourceTaskStatus.NoDataFound, secondResult.Request.Tasks.Single(t => t.Category == "customers").Status);
        Assert.Equal(0, secondResult.Request.Tasks.Single(t => t.Category == "invoices").RecordCount);
        Assert.Equal(1, host.Invoices.Count(Tenant, "c-42"));
    }

    [Fact]
    public async Task PurgeExpiredRetentionAsync_AfterRetentionEnds_ErasesTheRestAndShredsTheKey()
    {
        await using var host = new GdprHarness();
        host.SeedCustomer();
        var secret = await host.SubjectKeys.EncryptStringAsync(Tenant, "c-42", "CPR 010190-1234");
        var request = await host.VerifiedAsync(DataSubjectRequestKind.Erasure);
        await host.Requests.ProcessAsync(Tenant, request.Id);

        var early = await host.Requests.PurgeExpiredRetentionAsync(Tenant);
        Assert.Equal(new RetentionPurgeResult(0, 0, 0), early);
        Assert.Equal("CPR 010190-1234", await host.SubjectKeys.DecryptStringAsync(Tenant, secret));

        host.Time.SetUtcNow(new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var purge = await host.Requests.PurgeExpiredRetentionAsync(Tenant);

        Assert.Equal(new RetentionPurgeResult(1, 1, 0), purge);
        Assert.Equal(0, host.Invoices.Count(Tenant, "c-42"));
        var stored = await host.Requests.GetAsync(Tenant, request.Id);
        Assert.Equal(DataSubjectRequestStatus.Completed, stored!.Status);
        Assert.Null(stored.NextPurgeAt);
        var record = await host.Requests.GetErasureRecordAsync(Tenant, request.Id);
        Assert.True(record!.Verify());
        Assert.Equal(3, record.Entries.Count);
        Assert.Empty(record.Retained);
        Assert.NotNull(record.SubjectKeyDestroyedAt);
        var ex = await Assert.ThrowsAsync<KeyManagement.KeyUnavailableException>(() => host.SubjectKeys.DecryptStringAsync(Tenant, secret));
        Assert.Equal(KeyManagement.KeyUnavailableReason.Destroyed, ex.Reason);
        Assert.Equal(new RetentionPurgeResult(0, 0, 0), await host.Requests.PurgeExpiredRetentionAsync(Tenant));
    }

    [Fact]
    public async Task ErasureRecord_Altered_DoesNotVerify()
    {
        await using var host = new GdprHarness();
        host.SeedCustomer();
        var request = await host.VerifiedAsync(DataSubjectRequestKind.Erasure);
        await host.Requests.ProcessAsync(Tenant, request.Id);
        var record = (await host.Requests.GetErasureRecordAsync(Tenant, request.Id))!;

        var altered = record with { Entries = [.. record.Entries.Select(e => e with { RecordCount = e.RecordCount + 1 })] };

        Assert.False(altered.Verify());
    }

    [Fact]
    public async Task ProcessAsync_ErasureWithoutRetainedData_ShredsTheSubjectKey()
    {
        await using var host = new GdprHarness();
        host.Customers.Add(Tenant, "c-7", "Karen", "karen@example.dk", "+45 87 65 43 21");
        var secret = await host.SubjectKeys.EncryptAsync(Tenant, "c-7", "note"u8.ToArray(), "customers/c-7/note"u8.ToArray());
        var request = await host.VerifiedAsync(DataSubjectRequestKind.Erasure, "c-7");

        var result = await host.Requests.ProcessAsync(Tenant, request.Id);

        Assert.Equal(DataSubjectRequestStatus.Completed, result.Request!.Status);
        Assert.NotNull((await host.Requests.GetErasureRecordAsync(Tenant, request.Id))!.SubjectKeyDestroyedAt);
        await Assert.ThrowsAsync<KeyManagement.KeyUnavailableException>(() => host.SubjectKeys.DecryptAsync(Tenant, secret, "customers/c-7/note"u8.ToArray()));
    }

    [Theory]
    [InlineData("2025-03-05", 12, "2031-01-01")]
    [InlineData("2025-12-31", 12, "2031-01-01")]
    [InlineData("2026-01-01", 12, "2032-01-01")]
    [InlineData("2025-07-01", 6, "2031-07-01")] // financial year 1 July - 30 June: ends 30 June 2026
    [InlineData("2025-06-30", 6, "2030-07-01")]
    public void DanishBookkeeping_RecordDate_IsKeptFiveYearsFromTheEndOfItsFinancialYear(string date, int yearEndMonth, string until)
    {
        var rule = RetentionRule.DanishBookkeeping(yearEndMonth);
        var parse = (string s) => DateTimeOffset.Parse(s + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(parse(until), rule.GetRetainedUntil(parse(date)));
    }
}
