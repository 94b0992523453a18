using Microsoft.Data.Sqlite;
using TekUp.Security.Gdpr;
using TekUp.Security.Storage.Sqlite.Internal;

namespace TekUp.Security.Storage.Sqlite;

/// <summary>Stores encrypted export bundles in <c>tekup_gdpr_exports</c>.</summary>
internal sealed class SqliteExportStore(SqliteDatabase database) : IExportStore
{
    public async Task CreateAsync(ExportRecord export, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(export);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO tekup_gdpr_exports (tenant_id, id, request_id, created_at, expires_at, manifest_sha256, ciphertext)
            VALUES ($tenant, $id, $request, $created, $expires, $manifest, $ciphertext);
            """;
        command.Parameters.AddWithValue("$tenant", export.TenantId);
        command.Parameters.AddWithValue("$id", export.Id.ToString("N"));
        command.Parameters.AddWithValue("$request", export.RequestId.ToString("N"));
        command.Parameters.AddWithValue("$created", export.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$expires", export.ExpiresAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$manifest", export.ManifestSha256);
        command.Parameters.AddWithValue("$ciphertext", export.Ciphertext);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (SqliteErrors.IsUniqueViolation(ex))
        {
            throw new DuplicateRecordException($"Export {export.Id} of tenant '{export.TenantId}' exists.", ex);
        }
    }

    public async Task<ExportRecord?> FindAsync(string tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT request_id, created_at, expires_at, manifest_sha256, ciphertext FROM tekup_gdpr_exports WHERE tenant_id = $tenant AND id = $id;";
        command.Parameters.AddWithValue("$tenant", tenantId);
        command.Parameters.AddWithValue("$id", id.ToString("N"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new ExportRecord
        {
            TenantId = tenantId,
            Id = id,
            RequestId = Guid.ParseExact(reader.GetString(0), "N"),
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
            ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
            ManifestSha256 = reader.GetString(3),
            Ciphertext = reader.GetFieldValue<byte[]>(4),
        };
    }

    public async Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM tekup_gdpr_exports WHERE expires_at <= $now;";
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
