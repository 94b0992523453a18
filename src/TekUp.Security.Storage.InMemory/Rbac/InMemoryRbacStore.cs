using System.Collections.Concurrent;
using TekUp.Security.Rbac;

namespace TekUp.Security.Storage.InMemory;

/// <summary>
/// Keeps roles and assignments per tenant. One instance serves both store interfaces, because they share the tenant's
/// epoch; each tenant's data is guarded by its own lock, so every write and its epoch increment are atomic.
/// </summary>
internal sealed class InMemoryRbacStore : IRoleStore, IRoleAssignmentStore
{
    private readonly ConcurrentDictionary<string, TenantData> _tenants = new(StringComparer.Ordinal);

    public ValueTask<long> GetEpochAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        if (!_tenants.TryGetValue(tenantId, out var data))
        {
            return ValueTask.FromResult(0L);
        }

        lock (data)
        {
            return ValueTask.FromResult(data.Epoch);
        }
    }

    public ValueTask<Role?> FindAsync(string tenantId, string roleId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(roleId);
        if (!_tenants.TryGetValue(tenantId, out var data))
        {
            return ValueTask.FromResult<Role?>(null);
        }

        lock (data)
        {
            return ValueTask.FromResult(data.Roles.GetValueOrDefault(roleId));
        }
    }

    public Task<TenantRoles> ListAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        if (!_tenants.TryGetValue(tenantId, out var data))
        {
            return Task.FromResult(new TenantRoles(0, []));
        }

        lock (data)
        {
            return Task.FromResult(new TenantRoles(data.Epoch, [.. data.Roles.Values]));
        }
    }

    public Task<Role> CreateAsync(Role role, long expectedEpoch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(role);
        return Write(role.TenantId, expectedEpoch, data =>
        {
            if (data.Roles.ContainsKey(role.Id))
            {
                throw new DuplicateRecordException($"Tenant '{role.TenantId}' already has a role '{role.Id}'.");
            }

            var created = role with { Version = 1 };
            data.Roles.Add(role.Id, created);
            return (created, true);
        });
    }

    public Task<Role> UpdateAsync(Role role, long expectedEpoch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(role);
        return Write(role.TenantId, expectedEpoch, data =>
        {
            if (!data.Roles.TryGetValue(role.Id, out var current) || current.Version != role.Version)
            {
                throw StaleRole(role.TenantId, role.Id, role.Version);
            }

            var updated = role with { Version = role.Version + 1 };
            data.Roles[role.Id] = updated;
            return (updated, true);
        });
    }

    public Task DeleteAsync(string tenantId, string roleId, long expectedVersion, long expectedEpoch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roleId);
        return Write(tenantId, expectedEpoch, data =>
        {
            if (!data.Roles.TryGetValue(roleId, out var current) || current.Version != expectedVersion)
            {
                throw StaleRole(tenantId, roleId, expectedVersion);
            }

            data.Roles.Remove(roleId);
            data.Assignments.RemoveWhere(a => a.RoleId == roleId);
            return (true, true);
        });
    }

    public Task<IReadOnlyList<RoleAssignment>> ListForSubjectAsync(string tenantId, string subjectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subjectId);
        return ReadAssignments(tenantId, a => a.SubjectId == subjectId);
    }

    public Task<IReadOnlyList<RoleAssignment>> ListForTenantAsync(string tenantId, CancellationToken cancellationToken = default) =>
        ReadAssignments(tenantId, static _ => true);

    public Task<bool> AddAsync(RoleAssignment assignment, long expectedEpoch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        return Write(assignment.TenantId, expectedEpoch, data =>
        {
            if (!data.Roles.ContainsKey(assignment.RoleId))
            {
                throw new ConcurrencyException($"Tenant '{assignment.TenantId}' has no role '{assignment.RoleId}' (any more).");
            }

            var added = data.Assignments.Add(assignment);
            return (added, added);
        });
    }

    public Task<bool> RemoveAsync(string tenantId, string subjectId, string roleId, long expectedEpoch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subjectId);
        ArgumentNullException.ThrowIfNull(roleId);
        return Write(tenantId, expectedEpoch, data =>
        {
            var removed = data.Assignments.RemoveWhere(a => a.SubjectId == subjectId && a.RoleId == roleId) > 0;
            return (removed, removed);
        });
    }

    private static ConcurrencyException StaleRole(string tenantId, string roleId, long version) =>
        new($"Role '{roleId}' of tenant '{tenantId}' was changed or removed since version {version} was read.");

    private Task<IReadOnlyList<RoleAssignment>> ReadAssignments(string tenantId, Func<RoleAssignment, bool> filter)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        if (!_tenants.TryGetValue(tenantId, out var data))
        {
            return Task.FromResult<IReadOnlyList<RoleAssignment>>([]);
        }

        lock (data)
        {
            return Task.FromResult<IReadOnlyList<RoleAssignment>>([.. data.Assignments.Where(filter)]);
        }
    }

    /// <summary>Runs a change under the tenant's lock when the epoch matches, and increments the epoch if it changed anything.</summary>
    private Task<T> Write<T>(string tenantId, long expectedEpoch, Func<TenantData, (T Result, bool Changed)> change)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        var data = _tenants.GetOrAdd(tenantId, static _ => new TenantData());
        lock (data)
        {
            if (data.Epoch != expectedEpoch)
            {
                return Task.FromException<T>(new ConcurrencyException($"The roles of tenant '{tenantId}' changed (epoch {data.Epoch}, expected {expectedEpoch})."));
            }

            try
            {
                var (result, changed) = change(data);
                if (changed)
                {
                    data.Epoch++;
                }

                return Task.FromResult(result);
            }
            catch (TekUpStorageException ex)
            {
                return Task.FromException<T>(ex);
            }
        }
    }

    private sealed class TenantData
    {
        public long Epoch { get; set; }

        public SortedDictionary<string, Role> Roles { get; } = new(StringComparer.Ordinal);

        public SortedSet<RoleAssignment> Assignments { get; } = new(AssignmentOrder.Instance);
    }

    /// <summary>Orders (and identifies) assignments by subject, then role; the assignment time is not part of the key.</summary>
    private sealed class AssignmentOrder : IComparer<RoleAssignment>
    {
        public static readonly AssignmentOrder Instance = new();

        public int Compare(RoleAssignment? x, RoleAssignment? y)
        {
            var bySubject = string.CompareOrdinal(x?.SubjectId, y?.SubjectId);
            return bySubject != 0 ? bySubject : string.CompareOrdinal(x?.RoleId, y?.RoleId);
        }
    }
}
