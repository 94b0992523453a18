using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using TekUp.Security.Storage.Sqlite.Internal;
using TekUp.Security.Tenants;

namespace TekUp.Security.Storage.Sqlite;

/// <summary>Stores tenants in the <c>tekup_tenants</c> table.</summary>
internal sealed class SqliteTenantStore(SqliteDatabase database) : ITenantStore
{
    private const string Columns = "id, name, status, ip_allow_list, created_at, updated_at, version";

    public async ValueTask<Tenant?> FindAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM tekup_tenants WHERE id = $id;";
        command.Parameters.AddWithValue("$id", tenantId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    public async Task<Tenant> CreateAsync(Tenant tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var created = tenant with { Version = 1 };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO tekup_tenants ({Columns}) VALUES ($id, $name, $status, $ips, $created, $updated, 1);";
        Bind(command, created);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (SqliteErrors.IsUniqueViolation(ex))
        {
            throw new DuplicateRecordException($"A tenant with id '{tenant.Id}' already exists.", ex);
        }

        return created;
    }

    public async Task<Tenant> UpdateAsync(Tenant tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var updated = tenant with { Version = tenant.Version + 1 };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE tekup_tenants
            SET name = $name, status = $status, ip_allow_list = $ips, updated_at = $updated, version = version + 1
            WHERE id = $id AND version = $version;
            """;
        Bind(command, updated);
        command.Parameters.AddWithValue("$version", tenant.Version);
        var rows = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return rows == 1
            ? updated
            : throw new ConcurrencyException($"Tenant '{tenant.Id}' was changed or removed since version {tenant.Version} was read.");
    }

    public async IAsyncEnumerable<Tenant> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM tekup_tenants ORDER BY id;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return Read(reader);
        }
    }

    private static void Bind(SqliteCommand command, Tenant tenant)
    {
        command.Parameters.AddWithValue("$id", tenant.Id);
        command.Parameters.AddWithValue("$name", tenant.Name);
        command.Parameters.AddWithValue("$status", (int)tenant.Status);
        command.Parameters.AddWithValue("$ips", JsonSerializer.Serialize(tenant.IpAllowList, SqliteJsonContext.Default.IReadOnlyListString));
        command.Parameters.AddWithValue("$created", tenant.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$updated", tenant.UpdatedAt.ToUnixTimeMilliseconds());
    }

    private static Tenant Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Name = reader.GetString(1),
        Status = (TenantStatus)reader.GetInt32(2),
        IpAllowList = JsonSerializer.Deserialize(reader.GetString(3), SqliteJsonContext.Default.IReadOnlyListString) ?? [],
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
        UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
        Version = reader.GetInt64(6),
    };
}
