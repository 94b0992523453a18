using Microsoft.Data.Sqlite;
using TekUp.Security.Gdpr;
using TekUp.Security.Storage.Sqlite.Internal;

namespace TekUp.Security.Storage.Sqlite;

/// <summary>
/// Stores subject keys in <c>tekup_gdpr_subject_keys</c>; a unique index allows one key per subject that is not destroyed.
/// Destruction overwrites the wrapped material with zeros before clearing it, so the freed page does not keep it.
/// </summary>
internal sealed class SqliteSubjectKeyStore(SqliteDatabase database) : ISubjectKeyStore
{
    private const string Columns = "tenant_id, key_id, subject_ref, kek_id, wrapped_key, created_at, destroyed_at";

    public async Task CreateAsync(SubjectKeyRecord key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO tekup_gdpr_subject_keys ({Columns}) VALUES ($tenant, $key, $subject, $kek, $wrapped, $created, $destroyed);";
        command.Parameters.AddWithValue("$tenant", key.TenantId);
        command.Parameters.AddWithValue("$key", key.KeyId.ToString("N"));
        command.Parameters.AddWithValue("$subject", key.SubjectReference);
        command.Parameters.AddWithValue("$kek", key.KeyEncryptionKeyId);
        command.Parameters.AddWithValue("$wrapped", (object?)key.WrappedKey ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", key.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$destroyed", key.DestroyedAt is { } at ? at.ToUnixTimeMilliseconds() : DBNull.Value);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (SqliteErrors.IsUniqueViolation(ex))
        {
            throw new DuplicateRecordException($"Tenant '{key.TenantId}' already has this subject key or an active key for the subject.", ex);
        }
    }

    public Task<SubjectKeyRecord?> FindActiveAsync(string tenantId, string subjectReference, CancellationToken cancellationToken = default) =>
        FindAsync("tenant_id = $tenant AND subject_ref = $value AND destroyed_at IS NULL", tenantId, subjectReference, cancellationToken);

    public Task<SubjectKeyRecord?> FindAsync(string tenantId, Guid keyId, CancellationToken cancellationToken = default) =>
        FindAsync("tenant_id = $tenant AND key_id = $value", tenantId, keyId.ToString("N"), cancellationToken);

    public async Task<bool> DestroyAsync(string tenantId, Guid keyId, DateTimeOffset destroyedAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE tekup_gdpr_subject_keys SET wrapped_key = zeroblob(length(wrapped_key)) WHERE tenant_id = $tenant AND key_id = $key AND destroyed_at IS NULL;
            UPDATE tekup_gdpr_subject_keys SET wrapped_key = NULL, destroyed_at = $at WHERE tenant_id = $tenant AND key_id = $key AND destroyed_at IS NULL;
            """;
        command.Parameters.AddWithValue("$tenant", tenantId);
        command.Parameters.AddWithValue("$key", keyId.ToString("N"));
        command.Parameters.AddWithValue("$at", destroyedAt.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    private async Task<SubjectKeyRecord?> FindAsync(string where, string tenantId, string value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM tekup_gdpr_subject_keys WHERE {where};";
        command.Parameters.AddWithValue("$tenant", tenantId);
        command.Parameters.AddWithValue("$value", value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new SubjectKeyRecord
        {
            TenantId = reader.GetString(0),
            KeyId = Guid.ParseExact(reader.GetString(1), "N"),
            SubjectReference = reader.GetString(2),
            KeyEncryptionKeyId = reader.GetString(3),
            WrappedKey = reader.IsDBNull(4) ? null : reader.GetFieldValue<byte[]>(4),
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
            DestroyedAt = reader.IsDBNull(6) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
        };
    }
}
