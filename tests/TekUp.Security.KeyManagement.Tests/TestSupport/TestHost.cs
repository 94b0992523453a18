using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using TekUp.Security.Auditing;
using TekUp.Security.KeyManagement.Internal;

namespace TekUp.Security.KeyManagement.Tests.TestSupport;

/// <summary>One application instance with KeyManagement on a fake clock, a recording audit trail and metrics.</summary>
internal sealed class TestHost : IAsyncDisposable
{
    private TestHost(ServiceProvider services, FakeTimeProvider time, RecordingAuditTrail audit)
    {
        Services = services;
        Time = time;
        Audit = audit;
        Metrics = new MetricRecorder(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        _ = services.GetRequiredService<KeyManagementMetrics>();
    }

    public static DateTimeOffset Start { get; } = new(2026, 1, 15, 10, 0, 0, TimeSpan.Zero);

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    public RecordingAuditTrail Audit { get; }

    public MetricRecorder Metrics { get; }

    public IEncryptionService Encryption => Services.GetRequiredService<IEncryptionService>();

    public IKeyRing Ring => Services.GetRequiredService<IKeyRing>();

    public DefaultKeyRing DefaultRing => Services.GetRequiredService<DefaultKeyRing>();

    public IKeyManager Manager => Services.GetRequiredService<IKeyManager>();

    public IDataKeyStore Store => Services.GetRequiredService<IDataKeyStore>();

    public static string NewMasterKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Creates an instance; <paramref name="sqlite"/> selects a SQLite file (shared by instances given the same one).</summary>
    public static TestHost Create(
        string? sqlite = null,
        Action<KeyManagementOptions>? configure = null,
        FakeTimeProvider? time = null,
        RecordingAuditTrail? audit = null,
        string? masterKey = null)
    {
        time ??= new FakeTimeProvider(Start);
        audit ??= new RecordingAuditTrail();
        masterKey ??= NewMasterKey();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<IAuditTrail>(audit);
        var builder = services.AddTekUpSecurity();
        if (sqlite is null)
        {
            builder.UseInMemoryStores();
        }
        else
        {
            builder.UseSqlite($"Data Source={sqlite}");
        }

        builder.AddKeyManagement(o =>
        {
            o.MasterKey = masterKey;
            o.MasterKeyEnvironmentVariable = "TEKUP_TEST_UNSET_" + Guid.NewGuid().ToString("N");
            configure?.Invoke(o);
        });
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new TestHost(provider, time, audit);
    }

    public async ValueTask DisposeAsync()
    {
        Metrics.Dispose();
        await Services.DisposeAsync();
    }
}
