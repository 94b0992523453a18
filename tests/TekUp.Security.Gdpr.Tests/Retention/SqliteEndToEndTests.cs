using Microsoft.Data.Sqlite;
using TekUp.Security.Gdpr.Tests.TestSupport;

namespace TekUp.Security.Gdpr.Tests.Retention;

public sealed class SqliteEndToEndTests : IDisposable
{
    private const string Tenant = GdprHarness.Tenant;
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"tekup-gdpr-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task ErasureRestrictionAndOverdue_OnSqlite_BehaveAsInMemory()
    {
        await using var host = new GdprHarness(sqlitePath: _path);
        host.SeedCustomer();
        var erasure = await host.VerifiedAsync(DataSubjectRequestKind.Erasure);

        var result = await host.Requests.ProcessAsync(Tenant, erasure.Id);

        Assert.Equal(DataSubjectRequestStatus.PartiallyCompleted, result.Request!.Status);
        Assert.Equal(new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero), result.Request.Tasks.Single(t => t.Category == "invoices").Retention!.RetainedUntil);
        Assert.True((await host.Requests.GetErasureRecordAsync(Tenant, erasure.Id))!.Verify());
        await host.Restrictions.ObjectAsync(Tenant, "c-42", "marketing");
        Assert.False((await host.Restrictions.IsProcessingAllowedAsync(Tenant, "c-42", "marketing")).IsAllowed);
        var open = await host.Requests.SubmitAsync(new NewDataSubjectRequest { TenantId = Tenant, Kind = DataSubjectRequestKind.Access, SubjectId = "c-7" });
        host.Time.Advance(TimeSpan.FromDays(40));
        Assert.Equal([open.Id], (await host.Requests.ListOverdueAsync(Tenant)).Select(r => r.Id));
        host.Time.SetUtcNow(new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, (await host.Requests.PurgeExpiredRetentionAsync(Tenant)).RecordsErased);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }
}
