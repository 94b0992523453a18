using TekUp.Security.Gdpr.Tests.Examples;
using TekUp.Security.Gdpr.Tests.TestSupport;

namespace TekUp.Security.Gdpr.Tests.Requests;

public sealed class DataSubjectRequestServiceTests
{
    private const string Tenant = GdprHarness.Tenant;

    [Fact]
    public async Task SubmitAsync_NewRequest_IsReceivedWithOneTaskPerSourceAndAudited()
    {
        await using var host = new GdprHarness();

        var request = await host.Requests.SubmitAsync(new NewDataSubjectRequest { TenantId = Tenant, Kind = DataSubjectRequestKind.Access, SubjectId = "c-42" });

        Assert.Equal(DataSubjectRequestStatus.Received, request.Status);
        Assert.Equal(["customers", "invoices"], request.Tasks.Select(t => t.Category));
        Assert.All(request.Tasks, t => Assert.Equal(SourceTaskStatus.Pending, t.Status));
        var audit = await host.AuditAsync();
        var received = Assert.Single(audit, e => e.EventType == "gdpr.request.received");
        Assert.NotNull(received.SubjectPseudonym);
        Assert.DoesNotContain(audit, e => e.Data.Values.Any(v => v.Contains("c-42", StringComparison.Ordinal)) || (e.Resource ?? "").Contains("c-42", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task SubmitAsync_EmptySubject_Throws(string subject)
    {
        await using var host = new GdprHarness();
        await Assert.ThrowsAsync<ArgumentException>(() => host.Requests.SubmitAsync(new NewDataSubjectRequest { TenantId = Tenant, Kind = DataSubjectRequestKind.Access, SubjectId = subject }));
    }

    [Fact]
    public async Task SubmitAsync_BadTenantKindOrPurpose_Throws()
    {
        await using var host = new GdprHarness();
        await Assert.ThrowsAsync<ArgumentException>(() => host.Requests.SubmitAsync(new NewDataSubjectRequest { TenantId = "bad tenant", Kind = DataSubjectRequestKind.Access, SubjectId = "c-1" }));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Requests.SubmitAsync(new NewDataSubjectRequest { TenantId = Tenant, Kind = (DataSubjectRequestKind)99, SubjectId = "c-1" }));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Requests.SubmitAsync(new NewDataSubjectRequest { TenantId = Tenant, Kind = DataSubjectRequestKind.Objection, SubjectId = "c-1" }));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Requests.SubmitAsync(new NewDataSubjectRequest { TenantId = Tenant, Kind = DataSubjectRequestKind.Access, SubjectId = "c-1", ReceivedAt = host.Time.GetUtcNow().AddDays(1) }));
        await Assert.ThrowsAsync<ArgumentNullException>(() => host.Requests.SubmitAsync(null!));
    }

    [Theory]
    [InlineData("2026-01-31T10:00:00Z", "2026-02-28T23:00:00Z")] // no 31 February: last day of February, end of day in Copenhagen (UTC+1)
    [InlineData("2028-01-31T10:00:00Z", "2028-02-29T23:00:00Z")] // leap year
    [InlineData("2026-01-15T10:00:00Z", "2026-02-15T23:00:00Z")]
    [InlineData("2026-03-31T12:00:00Z", "2026-04-30T22:00:00Z")] // summer time: UTC+2
    [InlineData("2026-01-31T23:30:00Z", "2026-03-01T23:00:00Z")] // already 1 February in Copenhagen
    public async Task SubmitAsync_ReceivedAt_IsDueOneCalendarMonthLaterAtTheEndOfTheLocalDay(string received, string due)
    {
        await using var host = new GdprHarness(start: DateTimeOffset.Parse("2028-12-31T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        var request = await host.Requests.SubmitAsync(new NewDataSubjectRequest
        {
            TenantId = Tenant,
            Kind = DataSubjectRequestKind.Access,
            SubjectId = "c-1",
            ReceivedAt = DateTimeOffset.Parse(received, System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture), request.DueAt);
    }

    [Fact]
    public async Task ProcessAsync_BeforeIdentityVerified_IsRefused()
    {
        await using var host = new GdprHarness();
        var request = await host.Requests.SubmitAsync(new NewDataSubjectRequest { TenantId = Tenant, Kind = DataSubjectRequestKind.Access, SubjectId = "c-42" });

        var result = await host.Requests.ProcessAsync(Tenant, request.Id);

        Assert.Equal(DataSubjectRequestError.IdentityNotVerified, result.Error);
    }

    [Fact]
    public async Task ProcessAsync_UnknownRequestOrTenant_IsNotFound()
    {
        await using var host = new GdprHarness();
        var request = await host.VerifiedAsync(DataSubjectRequestKind.Access);

        Assert.Equal(DataSubjectRequestError.NotFound, (await host.Requests.ProcessAsync(Tenant, Guid.NewGuid())).Error);
        Assert.Equal(DataSubjectRequestError.NotFound, (await host.Requests.ProcessAsync("other", request.Id)).Error);
    }

    [Fact]
    public async Task ProcessAsync_UnknownSubject_CompletesWithNoDataFoundPerSource()
    {
        await using var host = new GdprHarness();
        var request = await host.VerifiedAsync(DataSubjectRequestKind.Erasure, subjectId: "nobody");

        var result = await host.Requests.ProcessAsync(Tenant, request.Id);

        Assert.True(result.Succeeded);
        Assert.Equal(DataSubjectRequestStatus.Completed, result.Request!.Status);
        Assert.All(result.Request.Tasks, t => Assert.Equal(SourceTaskStatus.NoDataFound, t.Status));
    }

    [Fact]
    public async Task ProcessAsync_AccessForUnknownSubject_CompletesWithAnEmptyExport()
    {
        await using var host = new GdprHarness();
        var request = await host.VerifiedAsync(DataSubjectRequestKind.Access, subjectId: "nobody");

        var result = await host.Requests.ProcessAsync(Tenant, request.Id);

        Assert.Equal(DataSubjectRequestStatus.Completed, result.Request!.Status);
        Assert.All(result.Request.Tasks, t => Assert.Equal(SourceTaskStatus.NoDataFound, t.Status));
        Assert.NotNull(result.Request.ExportId);
    }

    [Fact]
    public async Task ProcessAsync_EveryTransition_IsAuditedInOrder()
    {
        await using var host = new GdprHarness();
        host.SeedCustomer();
        var request = await host.VerifiedAsync(DataSubjectRequestKind.Access);

        await host.Requests.ProcessAsync(Tenant, request.Id);

        var events = (await host.AuditAsync()).Select(e => e.EventType).Where(e => e.StartsWith("gdpr.request.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["gdpr.request.received", "gdpr.request.identity_verified", "gdpr.request.started", "gdpr.request.completed"], events);
    }

    [Fact]
    public async Task ProcessAsync_SourceThrows_OthersRunAndRequestIsPartialThenRetrySucceeds()
    {
        var flaky = new FlakyDataSource(failures: 1);
        await using var host = new GdprHarness(g => g.AddPersonalDataSource(flaky));
        host.SeedCustomer();
        var request = await host.VerifiedAsync(DataSubjectRequestKind.Access);

        var first = await host.Requests.ProcessAsync(Tenant, request.Id);

        Assert.Equal(DataSubjectRequestStatus.PartiallyCompleted, first.Request!.Status);
        var failed = Assert.Single(first.Request.Tasks, t => t.Status == SourceTaskStatus.Failed);
        Assert.Equal("support-tickets", failed.Category);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal("source_exception:TimeoutException", failed.Error);
        Assert.DoesNotContain("c-42", failed.Error, StringComparison.Ordinal);
        Assert.Equal(SourceTaskStatus.Completed, first.Request.Tasks.Single(t => t.Category == "customers").Status);

        var retried = await host.Requests.RetrySourceAsync(Tenant, request.Id, "support-tickets");

        Assert.True(retried.Succeeded);
        Assert.Equal(DataSubjectRequestStatus.Completed, retried.Request!.Status);
        var task = retried.Request.Tasks.Single(t => t.Category == "support-tickets");
        Assert.Equal(SourceTaskStatus.Completed, task.Status);
        Assert.Equal(2, task.Attempts);
        Assert.Null(task.Error);
        Assert.Contains(await host.AuditAsync(), e => e.EventType == "gdpr.source.failed");
    }

    [Fact]
    public async Task RetrySourceAsync_SourceThatDidNotFail_IsRefused()
    {
        await using var host = new GdprHarness();
        host.SeedCustomer();
        var request = await host.VerifiedAsync(DataSubjectRequestKind.Access);
        await host.Requests.ProcessAsync(Tenant, request.Id);

        Assert.Equal(DataSubjectRequestError.NothingToRetry, (await host.Requests.RetrySourceAsync(Tenant, request.Id, "customers")).Error);
        Assert.Equal(DataSubjectRequestError.UnknownSource, (await host.Requests.RetrySourceAsync(Tenant, request.Id, "nope")).Error);
    }

    [Fact]
    public async Task ProcessAsync_Completed_ReturnsItUnchanged()
    {
        await using var host = new GdprHarness();
        host.SeedCustomer();
        var request = await host.VerifiedAsync(DataSubjectRequestKind.Access);
        var first = await host.Requests.ProcessAsync(Tenant, request.Id);

        var second = await host.Requests.ProcessAsync(Tenant, request.Id);

        Assert.True(second.Succeeded);
        Assert.Equal(first.Request!.Version, second.Request!.Version);
    }

    [Fact]
    public async Task ProcessAsync_Rectification_AppliesCorrectionsAndNeedsThem()
    {
        await using var host = new GdprHarness();
        host.SeedCustomer();
        var request = await host.VerifiedAsync(DataSubjectRequestKind.Rectification);

        await Assert.ThrowsAsync<ArgumentException>(() => host.Requests.ProcessAsync(Tenant, request.Id));
        var result = await host.Requests.ProcessAsync(Tenant, request.Id, new RequestProcessingInput { Corrections = new Dictionary<string, string?> { ["email"] = "jens.hansen@example.dk" } });

        Assert.Equal(DataSubjectRequestStatus.Completed, result.Request!.Status);
        Assert.Equal("jens.hansen@example.dk", host.Customers.Get(Tenant, "c-42")!["email"]);
        Assert.Equal(SourceTaskStatus.NoDataFound, result.Request.Tasks.Single(t => t.Category == "invoices").Status);
    }

    [Fact]
    public async Task RejectAsync_OpenRequest_IsRejectedAndCannotBeProcessed()
    {
        await using var host = new GdprHarness();
        var request = await host.Requests.SubmitAsync(new NewDataSubjectRequest { TenantId = Tenant, Kind = DataSubjectRequestKind.Erasure, SubjectId = "c-42" });

        var rejected = await host.Requests.RejectAsync(Tenant, request.Id, "identity_not_verified");

        Assert.Equal(DataSubjectRequestStatus.Rejected, rejected.Request!.Status);
        Assert.Equal(DataSubjectRequestError.InvalidState, (await host.Requests.ProcessAsync(Tenant, request.Id)).Error);
        Assert.Equal(DataSubjectRequestError.InvalidState, (await host.Requests.VerifyIdentityAsync(Tenant, request.Id, "mitid")).Error);
        await Assert.ThrowsAsync<ArgumentException>(() => host.Requests.RejectAsync(Tenant, request.Id, "not a code"));
    }

    [Fact]
    public async Task UpdateAsync_StaleVersion_ThrowsConcurrencyException()
    {
        await using var host = new GdprHarness();
        var request = await host.Requests.SubmitAsync(new NewDataSubjectRequest { TenantId = Tenant, Kind = DataSubjectRequestKind.Access, SubjectId = "c-42" });
        var store = host.Services.GetRequiredService<IDataSubjectRequestStore>();
        await host.Requests.VerifyIdentityAsync(Tenant, request.Id, "mitid");

        await Assert.ThrowsAsync<Storage.ConcurrencyException>(() => store.UpdateAsync(request with { Version = 2, Status = DataSubjectRequestStatus.Rejected }, 1));
    }
}
