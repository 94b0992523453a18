using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using TekUp.Security.Tenants;

namespace TekUp.Security.Storage.InMemory;

/// <summary>Keeps tenants in a dictionary. Thread-safe; versions are checked atomically.</summary>
internal sealed class InMemoryTenantStore : ITenantStore
{
    private readonly ConcurrentDictionary<string, Tenant> _tenants = new(StringComparer.Ordinal);

    public ValueTask<Tenant?> FindAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        return ValueTask.FromResult(_tenants.GetValueOrDefault(tenantId));
    }

    public Task<Tenant> CreateAsync(Tenant tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var created = tenant with { Version = 1 };
        return _tenants.TryAdd(tenant.Id, created)
            ? Task.FromResult(created)
            : Task.FromException<Tenant>(new DuplicateRecordException($"A tenant with id '{tenant.Id}' already exists."));
    }

    public Task<Tenant> UpdateAsync(Tenant tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var updated = tenant with { Version = tenant.Version + 1 };
        return _tenants.TryGetValue(tenant.Id, out var current)
            && current.Version == tenant.Version
            && _tenants.TryUpdate(tenant.Id, updated, current)
            ? Task.FromResult(updated)
            : Task.FromException<Tenant>(new ConcurrencyException($"Tenant '{tenant.Id}' was changed or removed since version {tenant.Version} was read."));
    }

    public async IAsyncEnumerable<Tenant> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var tenant in _tenants.Values.OrderBy(t => t.Id, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return tenant;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
