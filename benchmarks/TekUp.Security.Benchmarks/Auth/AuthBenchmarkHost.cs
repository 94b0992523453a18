using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TekUp.Security.Auditing;
using TekUp.Security.Auth.RateLimiting;

namespace TekUp.Security.Benchmarks.Auth;

/// <summary>
/// Auth on in-memory stores with a fixed pepper and rate limits on (set high enough never to refuse). The audit trail
/// is a sink that accepts and drops records: the audit trail's own cost is measured by its benchmarks, and an
/// in-memory trail would grow without bound over millions of refusals.
/// </summary>
internal static class AuthBenchmarkHost
{
    public static readonly IPAddress ClientIp = IPAddress.Parse("203.0.113.7");

    public static ServiceProvider Create(Action<IServiceCollection, ITekUpSecurityBuilder>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var builder = services.AddTekUpSecurity().UseInMemoryStores().AddApiKeyAuthentication(o =>
        {
            o.ApiKeyPepper = Convert.ToBase64String(new byte[32]);
            var unlimited = new TokenBucketSettings { TokenLimit = int.MaxValue, TokensPerPeriod = int.MaxValue, ReplenishmentPeriod = TimeSpan.FromSeconds(1) };
            o.RateLimits.PerApiKey = unlimited;
            o.RateLimits.PerClientIp = unlimited;
        });
        configure?.Invoke(services, builder);
        services.RemoveAll<IAuditTrail>();
        services.AddSingleton<IAuditTrail, DiscardingAuditTrail>();
        return services.BuildServiceProvider();
    }

    private sealed class DiscardingAuditTrail : IAuditTrail
    {
        public ValueTask AppendAsync(AuditRecord record, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<AuditVerificationResult> VerifyAsync(AuditVerificationRange? range = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<AuditEntry> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task ExportAsync(Stream destination, AuditQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
