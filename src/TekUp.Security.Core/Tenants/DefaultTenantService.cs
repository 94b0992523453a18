using TekUp.Security.Auditing;
using TekUp.Security.Internal;
using TekUp.Security.Networking;
using TekUp.Security.Storage;

namespace TekUp.Security.Tenants;

internal sealed class DefaultTenantService(ITenantStore store, IAuditTrail audit, TimeProvider time) : ITenantService
{
    private const int MaxNameLength = 200;
    private const int MaxNetworks = 256;
    private const int MaxConcurrencyRetries = 5;

    public ValueTask<Tenant?> FindAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        return Identifiers.IsValidName(tenantId) ? store.FindAsync(tenantId, cancellationToken) : ValueTask.FromResult<Tenant?>(null);
    }

    public async Task<Tenant> CreateAsync(string tenantId, string name, IEnumerable<string>? ipAllowList = null, CancellationToken cancellationToken = default)
    {
        if (!Identifiers.IsValidName(tenantId))
        {
            throw new ArgumentException("A tenant id must be 1-64 characters of letters, digits, '.', '-' or '_'.", nameof(tenantId));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        name = name.Trim();
        if (name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            throw new ArgumentException($"A tenant name must be at most {MaxNameLength} characters, without control characters.", nameof(name));
        }

        var networks = NormalizeNetworks(ipAllowList ?? [], nameof(ipAllowList));
        var now = time.GetUtcNow();
        var tenant = await store.CreateAsync(
            new Tenant { Id = tenantId, Name = name, IpAllowList = networks, CreatedAt = now, UpdatedAt = now },
            cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new AuditRecord { EventType = "tenant.created", TenantId = tenantId, Actor = "system", Resource = $"tenant:{tenantId}" }, cancellationToken).ConfigureAwait(false);
        return tenant;
    }

    public Task<Tenant> SetStatusAsync(string tenantId, TenantStatus status, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown tenant status.");
        }

        return UpdateAsync(
            tenantId,
            t => t with { Status = status },
            new AuditRecord { EventType = "tenant.status_changed", TenantId = tenantId, Actor = "system", Resource = $"tenant:{tenantId}", Data = new Dictionary<string, string> { ["status"] = status.ToString() } },
            cancellationToken);
    }

    public Task<Tenant> SetIpAllowListAsync(string tenantId, IEnumerable<string> ipAllowList, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ipAllowList);
        var networks = NormalizeNetworks(ipAllowList, nameof(ipAllowList));
        return UpdateAsync(
            tenantId,
            t => t with { IpAllowList = networks },
            new AuditRecord { EventType = "tenant.allow_list_changed", TenantId = tenantId, Actor = "system", Resource = $"tenant:{tenantId}", Data = new Dictionary<string, string> { ["networks"] = string.Join(' ', networks) } },
            cancellationToken);
    }

    private async Task<Tenant> UpdateAsync(string tenantId, Func<Tenant, Tenant> change, AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        for (var attempt = 1; ; attempt++)
        {
            var current = (Identifiers.IsValidName(tenantId) ? await store.FindAsync(tenantId, cancellationToken).ConfigureAwait(false) : null)
                ?? throw new KeyNotFoundException($"No tenant '{tenantId}'.");
            try
            {
                var updated = await store.UpdateAsync(change(current) with { UpdatedAt = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
                await audit.AppendAsync(record, cancellationToken).ConfigureAwait(false);
                return updated;
            }
            catch (ConcurrencyException) when (attempt < MaxConcurrencyRetries)
            {
                // Someone else changed the tenant between our read and write: re-read and apply the change again.
            }
        }
    }

    private static string[] NormalizeNetworks(IEnumerable<string> networks, string parameterName)
    {
        var result = new List<string>();
        foreach (var text in networks)
        {
            if (!IpAddresses.TryParseNetwork(text, out var network, out var error))
            {
                throw new ArgumentException(error, parameterName);
            }

            var canonical = network.ToString();
            if (!result.Contains(canonical, StringComparer.Ordinal))
            {
                result.Add(canonical);
            }

            if (result.Count > MaxNetworks)
            {
                throw new ArgumentException($"An allow-list holds at most {MaxNetworks} networks.", parameterName);
            }
        }

        return [.. result];
    }
}
