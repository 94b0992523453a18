using Microsoft.Extensions.Logging;
using TekUp.Security.Auditing;
using TekUp.Security.Networking;
using TekUp.Security.Rbac.Internal;
using TekUp.Security.Storage;

namespace TekUp.Security.Rbac;

/// <summary>
/// Validates and stores role and assignment changes. Each write is a compare-and-swap on the tenant's RBAC epoch: the
/// manager reads the tenant's roles, validates against them (parents exist, no cycle), and writes only if nothing in the
/// tenant changed meanwhile, retrying a few times otherwise. So two concurrent saves cannot together create a cycle.
/// </summary>
internal sealed class DefaultRoleManager(
    IRoleStore roles,
    IRoleAssignmentStore assignments,
    RbacCache cache,
    IAuditTrail audit,
    TimeProvider time,
    ILogger<DefaultRoleManager> logger) : IRoleManager
{
    private const int MaxAttempts = 8;
    private const string SystemActor = "system";

    public ValueTask<Role?> FindRoleAsync(string tenantId, string roleId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(roleId);
        return RbacNames.IsValidTenantId(tenantId) && RbacNames.IsValidRoleId(roleId)
            ? roles.FindAsync(tenantId, roleId, cancellationToken)
            : ValueTask.FromResult<Role?>(null);
    }

    public async Task<IReadOnlyList<Role>> ListRolesAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        RequireTenant(tenantId);
        return (await roles.ListAsync(tenantId, cancellationToken).ConfigureAwait(false)).Roles;
    }

    public async Task<Role> CreateRoleAsync(Role role, string? actorId = null, CancellationToken cancellationToken = default)
    {
        var normalized = Normalize(role);
        for (var attempt = 1; ; attempt++)
        {
            var snapshot = await roles.ListAsync(normalized.TenantId, cancellationToken).ConfigureAwait(false);
            if (snapshot.Roles.Any(r => r.Id == normalized.Id))
            {
                throw Errors.DuplicateRole(normalized.TenantId, normalized.Id);
            }

            CheckGraph(normalized, snapshot.Roles);
            var now = time.GetUtcNow();
            try
            {
                var created = await roles.CreateAsync(normalized with { CreatedAt = now, UpdatedAt = now, Version = 1 }, snapshot.Epoch, cancellationToken).ConfigureAwait(false);
                await OnRoleChangedAsync("rbac.role.created", created, actorId, cancellationToken).ConfigureAwait(false);
                return created;
            }
            catch (ConcurrencyException) when (attempt < MaxAttempts)
            {
                // Another change in the tenant landed between our read and our write: validate again against it.
            }
        }
    }

    public async Task<Role> UpdateRoleAsync(Role role, string? actorId = null, CancellationToken cancellationToken = default)
    {
        var normalized = Normalize(role);
        for (var attempt = 1; ; attempt++)
        {
            var snapshot = await roles.ListAsync(normalized.TenantId, cancellationToken).ConfigureAwait(false);
            var existing = snapshot.Roles.FirstOrDefault(r => r.Id == normalized.Id);
            if (existing is null || existing.Version != normalized.Version)
            {
                throw Errors.StaleRole(normalized.TenantId, normalized.Id, normalized.Version);
            }

            CheckGraph(normalized, snapshot.Roles);
            try
            {
                var updated = await roles.UpdateAsync(
                    normalized with { CreatedAt = existing.CreatedAt, UpdatedAt = time.GetUtcNow() },
                    snapshot.Epoch,
                    cancellationToken).ConfigureAwait(false);
                await OnRoleChangedAsync("rbac.role.updated", updated, actorId, cancellationToken).ConfigureAwait(false);
                return updated;
            }
            catch (ConcurrencyException) when (attempt < MaxAttempts)
            {
                // Re-read: if the role itself changed, the version check above reports it; otherwise retry.
            }
        }
    }

    public async Task DeleteRoleAsync(string tenantId, string roleId, long expectedVersion, string? actorId = null, CancellationToken cancellationToken = default)
    {
        RequireTenant(tenantId);
        RequireRoleId(roleId);
        for (var attempt = 1; ; attempt++)
        {
            var snapshot = await roles.ListAsync(tenantId, cancellationToken).ConfigureAwait(false);
            var existing = snapshot.Roles.FirstOrDefault(r => r.Id == roleId);
            if (existing is null || existing.Version != expectedVersion)
            {
                throw Errors.StaleRole(tenantId, roleId, expectedVersion);
            }

            var children = snapshot.Roles.Where(r => r.ParentRoleIds.Contains(roleId, StringComparer.Ordinal)).Select(r => r.Id).ToArray();
            if (children.Length > 0)
            {
                throw new RoleInUseException(roleId, children);
            }

            try
            {
                await roles.DeleteAsync(tenantId, roleId, expectedVersion, snapshot.Epoch, cancellationToken).ConfigureAwait(false);
                await OnRoleChangedAsync("rbac.role.deleted", existing, actorId, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ConcurrencyException) when (attempt < MaxAttempts)
            {
                // Retry against the tenant's current roles.
            }
        }
    }

    public Task<bool> AssignRoleAsync(string tenantId, string subjectId, string roleId, string? actorId = null, CancellationToken cancellationToken = default) =>
        ChangeAssignmentAsync(tenantId, subjectId, roleId, assign: true, actorId, cancellationToken);

    public Task<bool> UnassignRoleAsync(string tenantId, string subjectId, string roleId, string? actorId = null, CancellationToken cancellationToken = default) =>
        ChangeAssignmentAsync(tenantId, subjectId, roleId, assign: false, actorId, cancellationToken);

    public async Task<IReadOnlyList<RoleAssignment>> ListAssignmentsAsync(string tenantId, string? subjectId = null, CancellationToken cancellationToken = default)
    {
        RequireTenant(tenantId);
        if (subjectId is null)
        {
            return await assignments.ListForTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        }

        RequireSubject(subjectId);
        return await assignments.ListForSubjectAsync(tenantId, subjectId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> ChangeAssignmentAsync(string tenantId, string subjectId, string roleId, bool assign, string? actorId, CancellationToken cancellationToken)
    {
        RequireTenant(tenantId);
        RequireSubject(subjectId);
        RequireRoleId(roleId);
        for (var attempt = 1; ; attempt++)
        {
            var epoch = await roles.GetEpochAsync(tenantId, cancellationToken).ConfigureAwait(false);
            bool changed;
            try
            {
                if (assign)
                {
                    if (await roles.FindAsync(tenantId, roleId, cancellationToken).ConfigureAwait(false) is null)
                    {
                        throw Errors.UnknownRole(tenantId, roleId);
                    }

                    var assignment = new RoleAssignment { TenantId = tenantId, SubjectId = subjectId, RoleId = roleId, AssignedAt = time.GetUtcNow() };
                    changed = await assignments.AddAsync(assignment, epoch, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    changed = await assignments.RemoveAsync(tenantId, subjectId, roleId, epoch, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (ConcurrencyException) when (attempt < MaxAttempts)
            {
                continue;
            }

            if (changed)
            {
                cache.InvalidatePrincipal(tenantId, subjectId, epoch);
                var eventType = assign ? "rbac.role.assigned" : "rbac.role.unassigned";
                Log.AssignmentChanged(logger, eventType, tenantId, roleId);
                await audit.AppendAsync(
                    new AuditRecord
                    {
                        EventType = eventType,
                        TenantId = tenantId,
                        Actor = AuditText.Actor(actorId, SystemActor),
                        Subject = subjectId,
                        Resource = $"role:{roleId}",
                        Data = new Dictionary<string, string>(StringComparer.Ordinal) { ["role"] = roleId },
                    },
                    cancellationToken).ConfigureAwait(false);
            }

            return changed;
        }
    }

    private async Task OnRoleChangedAsync(string eventType, Role role, string? actorId, CancellationToken cancellationToken)
    {
        cache.InvalidateTenant(role.TenantId);
        Log.RoleChanged(logger, eventType, role.TenantId, role.Id);
        var data = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["version"] = role.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["permission_count"] = role.Permissions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["permissions"] = AuditText.Clip(string.Join("; ", role.Permissions), AuditText.MaxValue),
            ["parents"] = AuditText.Clip(string.Join(',', role.ParentRoleIds), AuditText.MaxValue),
        };
        if (role.HasWildcardGrant)
        {
            data["wildcard_grant"] = "true";
        }

        await audit.AppendAsync(
            new AuditRecord { EventType = eventType, TenantId = role.TenantId, Actor = AuditText.Actor(actorId, SystemActor), Resource = $"role:{role.Id}", Data = data },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Validates a role and returns it in canonical form: plain arrays, networks in canonical CIDR text.</summary>
    private static Role Normalize(Role role)
    {
        ArgumentNullException.ThrowIfNull(role);
        var problems = RoleValidator.Validate(role);
        if (problems.Count > 0)
        {
            throw Errors.InvalidRole(role.Id, problems);
        }

        return role with
        {
            Name = role.Name.Trim(),
            ParentRoleIds = [.. role.ParentRoleIds],
            Permissions = [.. role.Permissions.Select(p => p with { Actions = [.. p.Actions], Conditions = [.. p.Conditions.Select(Canonical)] })],
        };
    }

    private static PermissionCondition Canonical(PermissionCondition condition) => condition switch
    {
        ClientIpRangeCondition range => range with
        {
            Networks = [.. range.Networks.Select(n => IpAddresses.TryParseNetwork(n, out var network, out _) ? network.ToString() : n)],
        },
        TimeWindowCondition window => window with { Days = [.. window.Days] },
        _ => condition,
    };

    /// <summary>Checks that the role's parents exist and that no parent chain leads back to the role.</summary>
    private static void CheckGraph(Role role, IReadOnlyList<Role> existing)
    {
        var parentsOf = existing.ToDictionary(r => r.Id, r => r.ParentRoleIds, StringComparer.Ordinal);
        var missing = role.ParentRoleIds.Where(p => p != role.Id && !parentsOf.ContainsKey(p)).ToArray();
        if (missing.Length > 0)
        {
            throw Errors.UnknownParents(role.TenantId, role.Id, missing);
        }

        parentsOf[role.Id] = role.ParentRoleIds;
        var cycle = FindPathBack(role.Id, parentsOf);
        if (cycle is not null)
        {
            throw new RoleInheritanceCycleException(cycle);
        }
    }

    /// <summary>Depth-first search from the role along parents; returns role → ... → role when it comes back.</summary>
    private static List<string>? FindPathBack(string start, Dictionary<string, IReadOnlyList<string>> parentsOf)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string> { start };
        return Visit(start);

        List<string>? Visit(string roleId)
        {
            foreach (var parent in parentsOf.GetValueOrDefault(roleId) ?? [])
            {
                if (parent == start)
                {
                    return [.. path, start];
                }

                if (visited.Add(parent))
                {
                    path.Add(parent);
                    var found = Visit(parent);
                    if (found is not null)
                    {
                        return found;
                    }

                    path.RemoveAt(path.Count - 1);
                }
            }

            return null;
        }
    }

    private static void RequireTenant(string tenantId)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        if (!RbacNames.IsValidTenantId(tenantId))
        {
            throw new ArgumentException("A tenant id must be 1-64 characters of letters, digits, '.', '-' or '_'.", nameof(tenantId));
        }
    }

    private static void RequireRoleId(string roleId)
    {
        ArgumentNullException.ThrowIfNull(roleId);
        if (!RbacNames.IsValidRoleId(roleId))
        {
            throw new ArgumentException("A role id must be 1-64 characters of lower-case letters, digits, '.', '-' or '_'.", nameof(roleId));
        }
    }

    private static void RequireSubject(string subjectId)
    {
        ArgumentNullException.ThrowIfNull(subjectId);
        if (!RbacNames.IsValidSubjectId(subjectId))
        {
            throw new ArgumentException("A subject id must be 1-256 characters without control characters.", nameof(subjectId));
        }
    }
}
