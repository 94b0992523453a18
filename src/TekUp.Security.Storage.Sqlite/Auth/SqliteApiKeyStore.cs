using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using TekUp.Security.Auth.ApiKeys;
using TekUp.Security.Storage.Sqlite.Internal;

namespace TekUp.Security.Storage.Sqlite;

/// <summary>Stores API keys in <c>tekup_api_keys</c>; the hash column is unique and indexed, so lookup by hash is one index seek.</summary>
internal sealed class SqliteApiKeyStore(SqliteDatabase database) : IApiKeyStore
{
    private const string Columns = "id, tenant_id, name, scopes, hash, created_at, expires_at, last_used_at, revoked_at, revocation_reason, replaced_by_id, version";

    public async Task<ApiKeyRecord> CreateAsync(ApiKeyRecord key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var created = key with { Version = 1, Hash = key.Hash.ToArray() };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO tekup_api_keys ({Columns})
            VALUES ($id, $tenant, $name, $scopes, $hash, $created, $expires, NULL, $revoked, $reason, $replaced, 1);
            """;
        command.Parameters.AddWithValue("$id", created.Id);
        command.Parameters.AddWithValue("$tenant", created.TenantId);
        command.Parameters.AddWithValue("$hash", created.Hash.ToArray());
        command.Parameters.AddWithValue("$created", created.CreatedAt.ToUnixTimeMilliseconds());
        BindMutable(command, created);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (SqliteErrors.IsUniqueViolation(ex))
        {
            throw new DuplicateRecordException($"An API key with id '{key.Id}' or the same hash already exists.", ex);
        }

        return created;
    }

    public async ValueTask<ApiKeyRecord?> FindByHashAsync(ReadOnlyMemory<byte> hash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM tekup_api_keys WHERE hash = $hash;";
        command.Parameters.AddWithValue("$hash", hash.ToArray());
        return await ReadSingleAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<ApiKeyRecord?> FindAsync(string tenantId, string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(keyId);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM tekup_api_keys WHERE id = $id AND tenant_id = $tenant;";
        command.Parameters.AddWithValue("$id", keyId);
        command.Parameters.AddWithValue("$tenant", tenantId);
        return await ReadSingleAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<ApiKeyRecord> ListAsync(string tenantId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM tekup_api_keys WHERE tenant_id = $tenant ORDER BY created_at, id;";
        command.Parameters.AddWithValue("$tenant", tenantId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return Read(reader);
        }
    }

    public async Task<ApiKeyRecord> UpdateAsync(ApiKeyRecord key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE tekup_api_keys
            SET name = $name, scopes = $scopes, expires_at = $expires, revoked_at = $revoked,
                revocation_reason = $reason, replaced_by_id = $replaced, version = version + 1
            WHERE id = $id AND tenant_id = $tenant AND version = $version
            RETURNING {Columns};
            """;
        command.Parameters.AddWithValue("$id", key.Id);
        command.Parameters.AddWithValue("$tenant", key.TenantId);
        command.Parameters.AddWithValue("$version", key.Version);
        BindMutable(command, key);
        return await ReadSingleAsync(command, cancellationToken).ConfigureAwait(false)
            ?? throw new ConcurrencyException($"API key '{key.Id}' was changed or removed since version {key.Version} was read.");
    }

    public async Task RecordUsageAsync(IReadOnlyCollection<ApiKeyUsage> usages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(usages);
        if (usages.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE tekup_api_keys SET last_used_at = $used
            WHERE id = $id AND tenant_id = $tenant AND (last_used_at IS NULL OR last_used_at < $used);
            """;
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var tenant = command.Parameters.Add("$tenant", SqliteType.Text);
        var used = command.Parameters.Add("$used", SqliteType.Integer);
        foreach (var usage in usages)
        {
            id.Value = usage.KeyId;
            tenant.Value = usage.TenantId;
            used.Value = usage.UsedAt.ToUnixTimeMilliseconds();
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void BindMutable(SqliteCommand command, ApiKeyRecord key)
    {
        command.Parameters.AddWithValue("$name", key.Name);
        command.Parameters.AddWithValue("$scopes", JsonSerializer.Serialize(key.Scopes, SqliteJsonContext.Default.IReadOnlyListString));
        command.Parameters.AddWithValue("$expires", (object?)key.ExpiresAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("$revoked", (object?)key.RevokedAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("$reason", (object?)key.RevocationReason ?? DBNull.Value);
        command.Parameters.AddWithValue("$replaced", (object?)key.ReplacedById ?? DBNull.Value);
    }

    private static async Task<ApiKeyRecord?> ReadSingleAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    private static ApiKeyRecord Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        TenantId = reader.GetString(1),
        Name = reader.GetString(2),
        Scopes = JsonSerializer.Deserialize(reader.GetString(3), SqliteJsonContext.Default.IReadOnlyListString) ?? [],
        Hash = (byte[])reader.GetValue(4),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
        ExpiresAt = ReadTime(reader, 6),
        LastUsedAt = ReadTime(reader, 7),
        RevokedAt = ReadTime(reader, 8),
        RevocationReason = reader.IsDBNull(9) ? null : reader.GetString(9),
        ReplacedById = reader.IsDBNull(10) ? null : reader.GetString(10),
        Version = reader.GetInt64(11),
    };

    private static DateTimeOffset? ReadTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));
}
