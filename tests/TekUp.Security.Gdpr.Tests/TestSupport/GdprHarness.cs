using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using TekUp.Security.Auditing;
using TekUp.Security.Gdpr.Tests.Examples;

namespace TekUp.Security.Gdpr.Tests.TestSupport;

/// <summary>A host with the Gdpr module, KeyManagement, the real audit trail, the two example sources and a fake clock.</summary>
internal sealed class GdprHarness : IAsyncDisposable
{
    public const string Tenant = "acme";

    /// <summary>Thursday 2026-01-15 10:00 UTC (11:00 in Copenhagen).</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 15, 10, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    public GdprHarness(Action<GdprBuilder>? gdpr = null, string? sqlitePath = null, DateTimeOffset? start = null, bool withExampleSources = true)
    {
        Time = new FakeTimeProvider(start ?? Start);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        var builder = services.AddTekUpSecurity();
        if (sqlitePath is null)
        {
            builder.UseInMemoryStores();
        }
        else
        {
            builder.UseSqlite($"Data Source={sqlitePath}");
        }

        builder.AddKeyManagement(o =>
        {
            o.MasterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            o.MasterKeyEnvironmentVariable = "TEKUP_TEST_UNSET_" + Guid.NewGuid().ToString("N");
        });
        builder.AddGdpr(g =>
        {
            if (withExampleSources)
            {
                g.AddPersonalDataSource(Customers).AddPersonalDataSource(Invoices);
            }

            gdpr?.Invoke(g);
        });
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; }

    public CustomerDataSource Customers { get; } = new();

    public InvoiceDataSource Invoices { get; } = new();

    public IServiceProvider Services => _services;

    public IDataSubjectRequestService Requests => _services.GetRequiredService<IDataSubjectRequestService>();

    public IExportService Exports => _services.GetRequiredService<IExportService>();

    public IProcessingRestrictionService Restrictions => _services.GetRequiredService<IProcessingRestrictionService>();

    public ISubjectKeyService SubjectKeys => _services.GetRequiredService<ISubjectKeyService>();

    /// <summary>Adds customer c-42 with invoices from 2019 (retention ended 2025-01-01) and 2025 (kept until 2031-01-01).</summary>
    public void SeedCustomer(string customerId = "c-42")
    {
        Customers.Add(Tenant, customerId, "Jens Hansen", "jens@example.dk", "+45 12 34 56 78");
        Invoices.Add(Tenant, customerId, customerId + "-2019-001", new DateTimeOffset(2019, 6, 30, 0, 0, 0, TimeSpan.Zero), 1250m);
        Invoices.Add(Tenant, customerId, customerId + "-2025-007", new DateTimeOffset(2025, 3, 5, 0, 0, 0, TimeSpan.Zero), 899.5m);
    }

    /// <summary>Submits and verifies a request, ready to process.</summary>
    public async Task<DataSubjectRequest> VerifiedAsync(DataSubjectRequestKind kind, string subjectId = "c-42", string? purpose = null)
    {
        var request = await Requests.SubmitAsync(new NewDataSubjectRequest { TenantId = Tenant, Kind = kind, SubjectId = subjectId, Purpose = purpose });
        var verified = await Requests.VerifyIdentityAsync(Tenant, request.Id, "mitid");
        Assert.True(verified.Succeeded);
        return verified.Request!;
    }

    /// <summary>The stored audit entries of the tenant, oldest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditAsync()
    {
        var trail = _services.GetRequiredService<IAuditTrail>();
        await trail.FlushAsync();
        var entries = new List<AuditEntry>();
        await foreach (var entry in trail.QueryAsync(new AuditQuery { TenantId = Tenant }))
        {
            entries.Add(entry);
        }

        return entries;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
