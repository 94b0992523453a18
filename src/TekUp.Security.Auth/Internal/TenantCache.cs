using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TekUp.Security.Auth.Networking;
using TekUp.Security.Tenants;

namespace TekUp.Security.Auth.Internal;

/// <summary>
/// Tenants (and their parsed allow-lists) for <see cref="AuthOptions.CacheDuration"/>, so a warm authentication does
/// not read the tenant store. A tenant change made through <c>IAuthenticationCache</c> applies at once; others within the TTL.
/// </summary>
internal sealed class TenantCache(ITenantStore store, IOptions<AuthOptions> options, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly long _ttlTicks = (long)(options.Value.CacheDuration.TotalSeconds * timeProvider.TimestampFrequency);
    private long _generation;

    public ValueTask<Entry> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(tenantId, out var entry) && timeProvider.GetTimestamp() < entry.ExpiresAtTimestamp)
        {
            return ValueTask.FromResult(entry);
        }

        return LoadAsync(tenantId, cancellationToken);
    }

    public void Invalidate(string tenantId)
    {
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(tenantId, out _);
    }

    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    private async ValueTask<Entry> LoadAsync(string tenantId, CancellationToken cancellationToken)
    {
        // An invalidation that races with this load must not leave the pre-change tenant cached (see ApiKeyCache).
        var generation = Interlocked.Read(ref _generation);
        var tenant = await store.FindAsync(tenantId, cancellationToken).ConfigureAwait(false);
        IpAllowList? allowList = null;
        if (tenant is not null)
        {
            IpAllowList.TryCreate(tenant.IpAllowList, out allowList, out _);
        }

        var entry = new Entry(tenant, allowList, timeProvider.GetTimestamp() + _ttlTicks);
        if (_ttlTicks > 0 && Interlocked.Read(ref _generation) == generation)
        {
            // Bounded by the number of tenants that exist plus recently probed ids; unknown ids expire with the TTL.
            _entries[tenantId] = entry;
            if (Interlocked.Read(ref _generation) != generation)
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(tenantId, entry));
            }
        }

        return entry;
    }

    /// <summary>A tenant (or <see langword="null"/> when none exists) and its allow-list (<see langword="null"/> when invalid).</summary>
    internal sealed record Entry(Tenant? Tenant, IpAllowList? AllowList, long ExpiresAtTimestamp);
}
