using TekUp.Security.Gdpr;
using TekUp.Security.Storage.Sqlite.Internal;

namespace TekUp.Security.Storage.Sqlite;

/// <summary>Stores erasure records in <c>tekup_gdpr_erasures</c> as JSON.</summary>
internal sealed class SqliteErasureRecordStore(SqliteDatabase database) : IErasureRecordStore
{
    public async Task SaveAsync(ErasureRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO tekup_gdpr_erasures (tenant_id, request_id, body) VALUES ($tenant, $request, $body)
            ON CONFLICT (tenant_id, request_id) DO UPDATE SET body = excluded.body;
            """;
        command.Parameters.AddWithValue("$tenant", record.TenantId);
        command.Parameters.AddWithValue("$request", record.RequestId.ToString("N"));
        command.Parameters.AddWithValue("$body", SqliteGdprJson.Write(record));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ErasureRecord?> FindAsync(string tenantId, Guid requestId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM tekup_gdpr_erasures WHERE tenant_id = $tenant AND request_id = $request;";
        command.Parameters.AddWithValue("$tenant", tenantId);
        command.Parameters.AddWithValue("$request", requestId.ToString("N"));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string body ? SqliteGdprJson.ReadErasure(body) : null;
    }
}
