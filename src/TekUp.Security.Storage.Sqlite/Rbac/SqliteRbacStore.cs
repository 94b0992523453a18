using Microsoft.Data.Sqlite;
using TekUp.Security.Rbac;
using TekUp.Security.Storage.Sqlite.Internal;

namespace TekUp.Security.Storage.Sqlite;

/// <summary>
/// Stores roles in <c>tekup_rbac_roles</c>, assignments in <c>tekup_rbac_assignments</c> and each tenant's epoch in
/// <c>tekup_rbac_epochs</c>. Every write runs in one <c>BEGIN IMMEDIATE</c> transaction that checks the expected epoch,
/// makes the change and increments the epoch, so writers from several processes are serialised by SQLite's write lock.
/// </summary>
internal sealed class SqliteRbacStore(SqliteDatabase database) : IRoleStore, IRoleAssignmentStore
{
    private const string RoleColumns = "tenant_id, id, name, description, permissions, parent_role_ids, created_at, updated_at, version";

    public async ValueTask<long> GetEpochAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadEpochAsync(connection, null, tenantId, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<Role?> FindAsync(string tenantId, string roleId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(roleId);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {RoleColumns} FROM tekup_rbac_roles WHERE tenant_id = $tenant AND id = $id;";
        command.Parameters.AddWithValue("$tenant", tenantId);
        command.Parameters.AddWithValue("$id", roleId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadRole(reader) : null;
    }

    public async Task<TenantRoles> ListAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);

        // A read transaction gives the epoch and the roles from one snapshot of the database (WAL).
        await using var transaction = connection.BeginTransaction(deferred: true);
        var epoch = await ReadEpochAsync(connection, transaction, tenantId, cancellationToken).ConfigureAwait(false);
        var roles = new List<Role>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = $"SELECT {RoleColumns} FROM tekup_rbac_roles WHERE tenant_id = $tenant ORDER BY id;";
            command.Parameters.AddWithValue("$tenant", tenantId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                roles.Add(ReadRole(reader));
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new TenantRoles(epoch, roles);
    }

    public Task<Role> CreateAsync(Role role, long expectedEpoch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(role);
        var created = role with { Version = 1 };
        return WriteAsync(role.TenantId, expectedEpoch, async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO tekup_rbac_roles ({RoleColumns}) VALUES ($tenant, $id, $name, $description, $permissions, $parents, $created, $updated, 1);";
            BindRole(command, created);
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SqliteException ex) when (SqliteErrors.IsUniqueViolation(ex))
            {
                throw new DuplicateRecordException($"Tenant '{role.TenantId}' already has a role '{role.Id}'.", ex);
            }

            return (created, true);
        }, cancellationToken);
    }

    public Task<Role> UpdateAsync(Role role, long expectedEpoch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(role);
        var updated = role with { Version = role.Version + 1 };
        return WriteAsync(role.TenantId, expectedEpoch, async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                UPDATE tekup_rbac_roles
                SET name = $name, description = $description, permissions = $permissions, parent_role_ids = $parents,
                    updated_at = $updated, version = version + 1
                WHERE tenant_id = $tenant AND id = $id AND version = $version;
                """;
            BindRole(command, updated);
            command.Parameters.AddWithValue("$version", role.Version);
            var rows = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return rows == 1 ? (updated, true) : throw StaleRole(role.TenantId, role.Id, role.Version);
        }, cancellationToken);
    }

    public Task DeleteAsync(string tenantId, string roleId, long expectedVersion, long expectedEpoch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roleId);
        return WriteAsync(tenantId, expectedEpoch, async (connection, transaction) =>
        {
            // Assignments of the role go with it (ON DELETE CASCADE).
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM tekup_rbac_roles WHERE tenant_id = $tenant AND id = $id AND version = $version;";
            command.Parameters.AddWithValue("$tenant", tenantId);
            command.Parameters.AddWithValue("$id", roleId);
            command.Parameters.AddWithValue("$version", expectedVersion);
            var rows = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return rows == 1 ? (true, true) : throw StaleRole(tenantId, roleId, expectedVersion);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<RoleAssignment>> ListForSubjectAsync(string tenantId, string subjectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subjectId);
        return ReadAssignmentsAsync(tenantId, subjectId, cancellationToken);
    }

    public Task<IReadOnlyList<RoleAssignment>> ListForTenantAsync(string tenantId, CancellationToken cancellationToken = default) =>
        ReadAssignmentsAsync(tenantId, null, cancellationToken);

    public Task<bool> AddAsync(RoleAssignment assignment, long expectedEpoch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        return WriteAsync(assignment.TenantId, expectedEpoch, async (connection, transaction) =>
        {
            await using (var exists = connection.CreateCommand())
            {
                exists.Transaction = transaction;
                exists.CommandText = "SELECT 1 FROM tekup_rbac_roles WHERE tenant_id = $tenant AND id = $role;";
                exists.Parameters.AddWithValue("$tenant", assignment.TenantId);
                exists.Parameters.AddWithValue("$role", assignment.RoleId);
                if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
                {
                    throw new ConcurrencyException($"Tenant '{assignment.TenantId}' has no role '{assignment.RoleId}' (any more).");
                }
            }

            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO tekup_rbac_assignments (tenant_id, subject_id, role_id, assigned_at)
                VALUES ($tenant, $subject, $role, $assigned)
                ON CONFLICT (tenant_id, subject_id, role_id) DO NOTHING;
                """;
            command.Parameters.AddWithValue("$tenant", assignment.TenantId);
            command.Parameters.AddWithValue("$subject", assignment.SubjectId);
            command.Parameters.AddWithValue("$role", assignment.RoleId);
            command.Parameters.AddWithValue("$assigned", assignment.AssignedAt.ToUnixTimeMilliseconds());
            var added = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            return (added, added);
        }, cancellationToken);
    }

    public Task<bool> RemoveAsync(string tenantId, string subjectId, string roleId, long expectedEpoch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subjectId);
        ArgumentNullException.ThrowIfNull(roleId);
        return WriteAsync(tenantId, expectedEpoch, async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM tekup_rbac_assignments WHERE tenant_id = $tenant AND subject_id = $subject AND role_id = $role;";
            command.Parameters.AddWithValue("$tenant", tenantId);
            command.Parameters.AddWithValue("$subject", subjectId);
            command.Parameters.AddWithValue("$role", roleId);
            var removed = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            return (removed, removed);
        }, cancellationToken);
    }

    private static ConcurrencyException StaleRole(string tenantId, string roleId, long version) =>
        new($"Role '{roleId}' of tenant '{tenantId}' was changed or removed since version {version} was read.");

    /// <summary>Checks the epoch, applies the change and increments the epoch if the change did anything, in one write transaction.</summary>
    private async Task<T> WriteAsync<T>(
        string tenantId,
        long expectedEpoch,
        Func<SqliteConnection, SqliteTransaction, Task<(T Result, bool Changed)>> change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var epoch = await ReadEpochAsync(connection, transaction, tenantId, cancellationToken).ConfigureAwait(false);
            if (epoch != expectedEpoch)
            {
                throw new ConcurrencyException($"The roles of tenant '{tenantId}' changed (epoch {epoch}, expected {expectedEpoch}).");
            }

            var (result, changed) = await change(connection, transaction).ConfigureAwait(false);
            if (changed)
            {
                await using var bump = connection.CreateCommand();
                bump.Transaction = transaction;
                bump.CommandText = """
                    INSERT INTO tekup_rbac_epochs (tenant_id, epoch) VALUES ($tenant, $epoch)
                    ON CONFLICT (tenant_id) DO UPDATE SET epoch = excluded.epoch;
                    """;
                bump.Parameters.AddWithValue("$tenant", tenantId);
                bump.Parameters.AddWithValue("$epoch", expectedEpoch + 1);
                await bump.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch (SqliteException ex)
        {
            throw new TekUpStorageException($"Could not change the roles of tenant '{tenantId}'.", ex);
        }
    }

    private static async Task<long> ReadEpochAsync(SqliteConnection connection, SqliteTransaction? transaction, string tenantId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT epoch FROM tekup_rbac_epochs WHERE tenant_id = $tenant;";
        command.Parameters.AddWithValue("$tenant", tenantId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long epoch ? epoch : 0;
    }

    private async Task<IReadOnlyList<RoleAssignment>> ReadAssignmentsAsync(string tenantId, string? subjectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = subjectId is null
            ? "SELECT tenant_id, subject_id, role_id, assigned_at FROM tekup_rbac_assignments WHERE tenant_id = $tenant ORDER BY subject_id, role_id;"
            : "SELECT tenant_id, subject_id, role_id, assigned_at FROM tekup_rbac_assignments WHERE tenant_id = $tenant AND subject_id = $subject ORDER BY role_id;";
        command.Parameters.AddWithValue("$tenant", tenantId);
        if (subjectId is not null)
        {
            command.Parameters.AddWithValue("$subject", subjectId);
        }

        var result = new List<RoleAssignment>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new RoleAssignment
            {
                TenantId = reader.GetString(0),
                SubjectId = reader.GetString(1),
                RoleId = reader.GetString(2),
                AssignedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
            });
        }

        return result;
    }

    private static void BindRole(SqliteCommand command, Role role)
    {
        command.Parameters.AddWithValue("$tenant", role.TenantId);
        command.Parameters.AddWithValue("$id", role.Id);
        command.Parameters.AddWithValue("$name", role.Name);
        command.Parameters.AddWithValue("$description", (object?)role.Description ?? DBNull.Value);
        command.Parameters.AddWithValue("$permissions", SqliteRbacJson.Write(role.Permissions));
        command.Parameters.AddWithValue("$parents", SqliteRbacJson.WriteIds(role.ParentRoleIds));
        command.Parameters.AddWithValue("$created", role.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$updated", role.UpdatedAt.ToUnixTimeMilliseconds());
    }

    private static Role ReadRole(SqliteDataReader reader)
    {
        var tenantId = reader.GetString(0);
        var id = reader.GetString(1);
        return new Role
        {
            TenantId = tenantId,
            Id = id,
            Name = reader.GetString(2),
            Description = reader.IsDBNull(3) ? null : reader.GetString(3),
            Permissions = SqliteRbacJson.ReadPermissions(reader.GetString(4), tenantId, id),
            ParentRoleIds = SqliteRbacJson.ReadIds(reader.GetString(5)),
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
            UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
            Version = reader.GetInt64(8),
        };
    }
}
