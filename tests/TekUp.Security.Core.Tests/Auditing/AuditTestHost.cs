using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TekUp.Security.Auditing;

namespace TekUp.Security.Core.Tests.Auditing;

/// <summary>A host with the audit trail on in-memory stores (or a given store), fixed keys and a fake clock.</summary>
internal sealed class AuditTestHost : IAsyncDisposable
{
    public static readonly string SigningKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    public static readonly string PseudonymKey = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    public AuditTestHost(Action<AuditTrailOptions>? configure = null, IAuditStore? store = null, FakeTimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 1, 15, 10, 0, 0, TimeSpan.Zero));
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<TimeProvider>(Time);
        collection.AddTekUpSecurity(o => o.ApplicationName = "billing")
            .UseInMemoryStores()
            .ConfigureAuditTrail(o =>
            {
                o.SigningKey = SigningKey;
                o.SigningKeyId = "test-1";
                o.PseudonymKey = PseudonymKey;
                o.CheckpointInterval = 10;
                o.BatchSize = 7;
                configure?.Invoke(o);
            });
        if (store is not null)
        {
            collection.Replace(ServiceDescriptor.Singleton(store));
        }

        services?.Invoke(collection);
        Provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; }

    public ServiceProvider Provider { get; }

    public IAuditTrail Trail => Provider.GetRequiredService<IAuditTrail>();

    public IAuditStore Store => Provider.GetRequiredService<IAuditStore>();

    public IAuditKeyProvider Keys => Provider.GetRequiredService<IAuditKeyProvider>();

    /// <summary>A key provider built by hand from the test keys, as an offline auditor would.</summary>
    public static OptionsAuditKeyProvider OfflineKeys(string? signingKey = null, string keyId = "test-1") =>
        new(Options.Create(new AuditTrailOptions { SigningKey = signingKey ?? SigningKey, SigningKeyId = keyId, PseudonymKey = PseudonymKey }));

    public static AuditRecord Record(int i, string? tenant = "acme", string eventType = "invoice.read") => new()
    {
        EventType = eventType,
        TenantId = tenant,
        Actor = $"user-{i % 3}",
        Subject = $"person{i}@example.com",
        Resource = $"invoices/{i}",
        Outcome = i % 5 == 0 ? AuditOutcome.Denied : AuditOutcome.Success,
        Reason = i % 5 == 0 ? "missing_permission" : null,
        Data = new Dictionary<string, string> { ["index"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture), ["channel"] = "api" },
    };

    public async Task AppendAsync(int count, int start = 1, string? tenant = "acme", string eventType = "invoice.read")
    {
        for (var i = start; i < start + count; i++)
        {
            await Trail.AppendAsync(Record(i, tenant, eventType));
        }

        await Trail.FlushAsync();
    }

    public async Task<List<AuditEntry>> AllAsync()
    {
        var entries = new List<AuditEntry>();
        await foreach (var entry in Trail.QueryAsync(AuditQuery.All))
        {
            entries.Add(entry);
        }

        return entries;
    }

    public ValueTask DisposeAsync() => Provider.DisposeAsync();
}
