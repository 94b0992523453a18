using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using TekUp.Security.DataClasses;
using TekUp.Security.KeyManagement;
using TekUp.Security.Storage.Sqlite.Internal;

namespace TekUp.Security.Storage.Sqlite;

/// <summary>
/// Stores data keys in <c>tekup_data_keys</c>. A partial unique index (<c>WHERE state = 1</c>) keeps one active key
/// per tenant and class across processes; versions give optimistic concurrency; state changes only move forward.
/// Writes run with <c>PRAGMA secure_delete</c>, and destroying a key checkpoints the WAL, so erased material does
/// not linger in free pages or in the write-ahead log.
/// </summary>
internal sealed class SqliteDataKeyStore(SqliteDatabase database) : IDataKeyStore
{
    private const string Columns = "key_id, tenant_id, data_class, state, wrapped_key, kek_id, created_at, activated_at, rotated_at, revoked_at, destroyed_at, use_count, version";
    private const int Destroyed = (int)DataKeyState.Destroyed;

    public async ValueTask<DataKeyRecord?> FindAsync(string tenantId, Guid keyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM tekup_data_keys WHERE key_id = $key_id AND tenant_id = $tenant_id;";
        command.Parameters.AddWithValue("$key_id", Format(keyId));
        command.Parameters.AddWithValue("$tenant_id", tenantId);
        return await ReadSingleAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<DataKeyRecord?> FindActiveAsync(string tenantId, DataClass dataClass, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM tekup_data_keys WHERE tenant_id = $tenant_id AND data_class = $data_class AND state = 1;";
        command.Parameters.AddWithValue("$tenant_id", tenantId);
        command.Parameters.AddWithValue("$data_class", (int)dataClass);
        return await ReadSingleAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DataKeyRecord> CreateAsync(DataKeyRecord key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        key.EnsureConsistent();
        var created = key with { Version = 1, UseCount = 0 };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO tekup_data_keys ({Columns}) VALUES ($key_id, $tenant_id, $data_class, $state, $wrapped_key, $kek_id, $created_at, $activated_at, $rotated_at, $revoked_at, $destroyed_at, 0, 1);";
        Bind(command, created);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (SqliteErrors.IsUniqueViolation(ex))
        {
            throw new DuplicateRecordException($"Data key {key.KeyId} exists, or tenant '{key.TenantId}' already has an active {key.DataClass} key.", ex);
        }

        return created;
    }

    public async Task<DataKeyRecord> RotateAsync(DataKeyRecord rotated, DataKeyRecord replacement, CancellationToken cancellationToken = default)
    {
        DataKeyRecord.EnsureRotation(rotated, replacement);

        var created = replacement with { Version = 1, UseCount = 0 };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var update = connection.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = """
                UPDATE tekup_data_keys SET state = $state, rotated_at = $rotated_at, version = version + 1
                WHERE key_id = $key_id AND tenant_id = $tenant_id AND version = $version AND state = 1;
                """;
            update.Parameters.AddWithValue("$state", (int)DataKeyState.Rotated);
            update.Parameters.AddWithValue("$rotated_at", ToStorage(rotated.RotatedAt));
            update.Parameters.AddWithValue("$key_id", Format(rotated.KeyId));
            update.Parameters.AddWithValue("$tenant_id", rotated.TenantId);
            update.Parameters.AddWithValue("$version", rotated.Version);
            if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                throw new ConcurrencyException($"Data key {rotated.KeyId} was changed, rotated or removed since version {rotated.Version} was read.");
            }
        }

        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO tekup_data_keys ({Columns}) VALUES ($key_id, $tenant_id, $data_class, $state, $wrapped_key, $kek_id, $created_at, $activated_at, $rotated_at, $revoked_at, $destroyed_at, 0, 1);";
            Bind(insert, created);
            try
            {
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SqliteException ex) when (SqliteErrors.IsUniqueViolation(ex))
            {
                throw new DuplicateRecordException($"Data key {created.KeyId} exists, or tenant '{created.TenantId}' already has an active {created.DataClass} key.", ex);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return created;
    }

    public async Task<DataKeyRecord> UpdateAsync(DataKeyRecord key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        key.EnsureConsistent();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await SetSecureDeleteAsync(connection, on: true, cancellationToken).ConfigureAwait(false);
        long useCount;
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                UPDATE tekup_data_keys
                SET state = $state, wrapped_key = $wrapped_key, kek_id = $kek_id, activated_at = $activated_at,
                    rotated_at = $rotated_at, revoked_at = $revoked_at, destroyed_at = $destroyed_at, version = version + 1
                WHERE key_id = $key_id AND tenant_id = $tenant_id AND version = $version AND state <> {Destroyed} AND state <= $state
                RETURNING use_count;
                """;
            Bind(command, key);
            command.Parameters.AddWithValue("$version", key.Version);
            object? result;
            try
            {
                result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SqliteException ex) when (SqliteErrors.IsUniqueViolation(ex))
            {
                throw new DuplicateRecordException($"Tenant '{key.TenantId}' already has an active {key.DataClass} key.", ex);
            }

            useCount = result is long count
                ? count
                : throw new ConcurrencyException($"Data key {key.KeyId} was changed, destroyed or removed since version {key.Version} was read, or its state would move backwards.");
        }
        finally
        {
            await SetSecureDeleteAsync(connection, on: false, CancellationToken.None).ConfigureAwait(false);
        }

        if (key.State == DataKeyState.Destroyed)
        {
            await CheckpointAsync(connection, cancellationToken).ConfigureAwait(false);
        }

        return key with { Version = key.Version + 1, UseCount = useCount };
    }

    public async ValueTask<long> AddUsageAsync(string tenantId, Guid keyId, long uses, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentOutOfRangeException.ThrowIfNegative(uses);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE tekup_data_keys SET use_count = use_count + $uses WHERE key_id = $key_id AND tenant_id = $tenant_id RETURNING use_count;";
        command.Parameters.AddWithValue("$uses", uses);
        command.Parameters.AddWithValue("$key_id", Format(keyId));
        command.Parameters.AddWithValue("$tenant_id", tenantId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long total ? total : -1;
    }

    public IAsyncEnumerable<DataKeyRecord> ListAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        return QueryAsync(tenantId, cancellationToken);
    }

    public IAsyncEnumerable<DataKeyRecord> ListAllAsync(CancellationToken cancellationToken = default) => QueryAsync(null, cancellationToken);

    private async IAsyncEnumerable<DataKeyRecord> QueryAsync(string? tenantId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = tenantId is null
            ? $"SELECT {Columns} FROM tekup_data_keys ORDER BY tenant_id, data_class, created_at, key_id;"
            : $"SELECT {Columns} FROM tekup_data_keys WHERE tenant_id = $tenant_id ORDER BY data_class, created_at, key_id;";
        if (tenantId is not null)
        {
            command.Parameters.AddWithValue("$tenant_id", tenantId);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return Read(reader);
        }
    }

    private static async Task SetSecureDeleteAsync(SqliteConnection connection, bool on, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = on ? "PRAGMA secure_delete = ON;" : "PRAGMA secure_delete = OFF;";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Copies the WAL into the database file and truncates it, so the pre-destruction pages leave the log. Best effort:
    /// a reader still holding an old snapshot keeps the log until a later checkpoint.
    /// </summary>
    private static async Task CheckpointAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<DataKeyRecord?> ReadSingleAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    private static void Bind(SqliteCommand command, DataKeyRecord key)
    {
        command.Parameters.AddWithValue("$key_id", Format(key.KeyId));
        command.Parameters.AddWithValue("$tenant_id", key.TenantId);
        command.Parameters.AddWithValue("$data_class", (int)key.DataClass);
        command.Parameters.AddWithValue("$state", (int)key.State);
        command.Parameters.Add("$wrapped_key", SqliteType.Blob).Value = (object?)key.WrappedKey ?? DBNull.Value;
        command.Parameters.AddWithValue("$kek_id", key.KeyEncryptionKeyId);
        command.Parameters.AddWithValue("$created_at", key.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$activated_at", key.ActivatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$rotated_at", ToStorage(key.RotatedAt));
        command.Parameters.AddWithValue("$revoked_at", ToStorage(key.RevokedAt));
        command.Parameters.AddWithValue("$destroyed_at", ToStorage(key.DestroyedAt));
    }

    private static DataKeyRecord Read(SqliteDataReader reader) => new()
    {
        KeyId = Guid.Parse(reader.GetString(0), CultureInfo.InvariantCulture),
        TenantId = reader.GetString(1),
        DataClass = (DataClass)reader.GetInt32(2),
        State = (DataKeyState)reader.GetInt32(3),
        WrappedKey = reader.IsDBNull(4) ? null : (byte[])reader.GetValue(4),
        KeyEncryptionKeyId = reader.GetString(5),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
        ActivatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
        RotatedAt = FromStorage(reader, 8),
        RevokedAt = FromStorage(reader, 9),
        DestroyedAt = FromStorage(reader, 10),
        UseCount = reader.GetInt64(11),
        Version = reader.GetInt64(12),
    };

    private static string Format(Guid keyId) => keyId.ToString("D", CultureInfo.InvariantCulture);

    private static object ToStorage(DateTimeOffset? value) => value is { } v ? v.ToUnixTimeMilliseconds() : DBNull.Value;

    private static DateTimeOffset? FromStorage(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));
}
