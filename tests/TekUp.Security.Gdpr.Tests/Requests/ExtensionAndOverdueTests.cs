using TekUp.Security.Gdpr.Tests.TestSupport;

namespace TekUp.Security.Gdpr.Tests.Requests;

public sealed class ExtensionAndOverdueTests
{
    private const string Tenant = GdprHarness.Tenant;

    [Fact]
    public async Task ExtendAsync_TwoMonthsWithReason_MovesTheDeadlineOnce()
    {
        await using var host = new GdprHarness();
        var request = await host.Requests.SubmitAsync(new NewDataSubjectRequest { TenantId = Tenant, Kind = DataSubjectRequestKind.Access, SubjectId = "c-42" });

        var extended = await host.Requests.ExtendAsync(Tenant, request.Id, 2, "Complex request spanning several archives");

        Assert.True(extended.Succeeded);
        Assert.Equal(new DateTimeOffset(2026, 4, 15, 22, 0, 0, TimeSpan.Zero), extended.Request!.ExtendedDueAt); // 15 April, end of day CEST
        Assert.Equal(request.DueAt, extended.Request.DueAt);
        Assert.Equal("Complex request spanning several archives", extended.Request.ExtensionReason);
        Assert.Equal(DataSubjectRequestError.ExtensionAlreadyGranted, (await host.Requests.ExtendAsync(Tenant, request.Id, 1, "again")).Error);
        Assert.Contains(await host.AuditAsync(), e => e.EventType == "gdpr.request.extended");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task ExtendAsync_OutsideOneToTwoMonths_IsRefused(int months)
    {
        await using var host = new GdprHarness();
        var request = await host.Requests.SubmitAsync(new NewDataSubjectRequest { TenantId = Tenant, Kind = DataSubjectRequestKind.Access, SubjectId = "c-42" });

        var result = await host.Requests.ExtendAsync(Tenant, request.Id, months, "busy");

        Assert.Equal(DataSubjectRequestError.ExtensionTooLong, result.Error);
        Assert.Null((await host.Requests.GetAsync(Tenant, request.Id))!.ExtendedDueAt);
        Assert.Contains(await host.AuditAsync(), e => e.EventType == "gdpr.request.extension_refused" && e.Reason == "extension_too_long");
    }

    [Fact]
    public async Task ExtendAsync_AfterTheOriginalDeadline_IsRefused()
    {
        await using var host = new GdprHarness();
        var request = await host.Requests.SubmitAsync(new NewDataSubjectRequest { TenantId = Tenant, Kind = DataSubjectRequestKind.Access, SubjectId = "c-42" });
        host.Time.SetUtcNow(request.DueAt);

        var result = await host.Requests.ExtendAsync(Tenant, request.Id, 1, "late");

        Assert.Equal(DataSubjectRequestError.ExtensionAfterDeadline, result.Error);
    }

    [Fact]
    public async Task ExtendAsync_WithoutReason_IsRefused()
    {
        await using var host = new GdprHarness();
        var request = await host.Requests.SubmitAsync(new NewDataSubjectRequest { TenantId = Tenant, Kind = DataSubjectRequestKind.Access, SubjectId = "c-42" });

        Assert.Equal(DataSubjectRequestError.ExtensionReasonRequired, (await host.Requests.ExtendAsync(Tenant, request.Id, 1, "  ")).Error);
    }

    [Fact]
    public async Task ListOverdueAsync_OpenRequestsPastTheirDeadline_AreListedEarliestFirst()
    {
        await using var host = new GdprHarness();
        var early = await host.Requests.SubmitAsync(new NewDataSubjectRequest { TenantId = Tenant, Kind = DataSubjectRequestKind.Access, SubjectId = "c-1" });
        host.Time.Advance(TimeSpan.FromDays(3));
        var late = await host.Requests.SubmitAsync(new NewDataSubjectRequest { TenantId = Tenant, Kind = DataSubjectRequestKind.Erasure, SubjectId = "c-2" });
        var extended = await host.Requests.SubmitAsync(new NewDataSubjectRequest { TenantId = Tenant, Kind = DataSubjectRequestKind.Access, SubjectId = "c-3" });
        await host.Requests.ExtendAsync(Tenant, extended.Id, 2, "volume");
        var done = await host.VerifiedAsync(DataSubjectRequestKind.Access, "c-4");
        await host.Requests.ProcessAsync(Tenant, done.Id);

        Assert.Empty(await host.Requests.ListOverdueAsync(Tenant));
        host.Time.SetUtcNow(early.DueAt);
        Assert.Equal([early.Id], (await host.Requests.ListOverdueAsync(Tenant)).Select(r => r.Id));
        host.Time.SetUtcNow(late.DueAt.AddMinutes(1));
        Assert.Equal([early.Id, late.Id], (await host.Requests.ListOverdueAsync(Tenant)).Select(r => r.Id));
        Assert.Empty(await host.Requests.ListOverdueAsync("other-tenant"));
    }
}
