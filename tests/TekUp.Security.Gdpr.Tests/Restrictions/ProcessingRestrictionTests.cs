using TekUp.Security.Gdpr.Tests.TestSupport;

namespace TekUp.Security.Gdpr.Tests.Restrictions;

public sealed class ProcessingRestrictionTests
{
    private const string Tenant = GdprHarness.Tenant;

    [Fact]
    public async Task IsProcessingAllowedAsync_NothingRecorded_IsAllowed()
    {
        await using var host = new GdprHarness();
        Assert.True((await host.Restrictions.IsProcessingAllowedAsync(Tenant, "c-42", "marketing")).IsAllowed);
    }

    [Fact]
    public async Task RestrictionRequest_WithoutPurpose_DeniesEveryPurposeAndMarksSources()
    {
        await using var host = new GdprHarness();
        host.SeedCustomer();
        var request = await host.VerifiedAsync(DataSubjectRequestKind.Restriction);

        var result = await host.Requests.ProcessAsync(Tenant, request.Id);

        Assert.Equal(DataSubjectRequestStatus.Completed, result.Request!.Status);
        Assert.True(host.Customers.IsRestricted(Tenant, "c-42"));
        var decision = await host.Restrictions.IsProcessingAllowedAsync(Tenant, "c-42", "invoicing");
        Assert.False(decision.IsAllowed);
        Assert.Equal(ProcessingLimitKind.Restriction, decision.Limit!.Kind);
        Assert.Equal(request.Id, decision.Limit.RequestId);
        Assert.True((await host.Restrictions.IsProcessingAllowedAsync(Tenant, "c-43", "invoicing")).IsAllowed);
        Assert.True((await host.Restrictions.IsProcessingAllowedAsync("other", "c-42", "invoicing")).IsAllowed);

        Assert.True(await host.Restrictions.LiftAsync(Tenant, "c-42", ProcessingLimitKind.Restriction));
        Assert.True((await host.Restrictions.IsProcessingAllowedAsync(Tenant, "c-42", "invoicing")).IsAllowed);
        Assert.False(host.Customers.IsRestricted(Tenant, "c-42"));
    }

    [Fact]
    public async Task ObjectionRequest_DeniesOnlyThatPurpose()
    {
        await using var host = new GdprHarness();
        var request = await host.VerifiedAsync(DataSubjectRequestKind.Objection, purpose: "marketing");

        var result = await host.Requests.ProcessAsync(Tenant, request.Id);

        Assert.Equal(DataSubjectRequestStatus.Completed, result.Request!.Status);
        Assert.Empty(result.Request.Tasks);
        var marketing = await host.Restrictions.IsProcessingAllowedAsync(Tenant, "c-42", "marketing");
        Assert.False(marketing.IsAllowed);
        Assert.Equal(ProcessingLimitKind.Objection, marketing.Limit!.Kind);
        Assert.True((await host.Restrictions.IsProcessingAllowedAsync(Tenant, "c-42", "invoicing")).IsAllowed);
        Assert.Contains(await host.AuditAsync(), e => e.EventType == "gdpr.objection.recorded");
    }

    [Fact]
    public async Task ListAsync_StoresOnlyAPseudonymOfTheSubject()
    {
        await using var host = new GdprHarness();
        await host.Restrictions.RestrictAsync(Tenant, "jens@example.dk", "profiling");
        await host.Restrictions.RestrictAsync(Tenant, "jens@example.dk", "profiling");

        var limit = Assert.Single(await host.Restrictions.ListAsync(Tenant, "jens@example.dk"));

        Assert.DoesNotContain("jens", limit.SubjectReference, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("profiling", limit.Purpose);
    }

    [Fact]
    public async Task IsProcessingAllowedAsync_BadArguments_Throw()
    {
        await using var host = new GdprHarness();
        await Assert.ThrowsAsync<ArgumentException>(() => host.Restrictions.IsProcessingAllowedAsync(Tenant, "c-1", "not a purpose"));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Restrictions.IsProcessingAllowedAsync(Tenant, "", "marketing"));
        await Assert.ThrowsAsync<ArgumentNullException>(() => host.Restrictions.IsProcessingAllowedAsync(null!, "c-1", "marketing"));
    }
}
