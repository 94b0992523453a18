using TekUp.Security.Gdpr;
using TekUp.Security.Storage.Sqlite.Internal;

namespace TekUp.Security.Storage.Sqlite;

/// <summary>Stores restrictions and objections in <c>tekup_gdpr_limits</c>.</summary>
internal sealed class SqliteProcessingLimitStore(SqliteDatabase database) : IProcessingLimitStore
{
    public async Task AddAsync(ProcessingLimit limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limit);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO tekup_gdpr_limits (tenant_id, subject_ref, kind, purpose, recorded_at, request_id)
            VALUES ($tenant, $subject, $kind, $purpose, $recorded, $request) ON CONFLICT DO NOTHING;
            """;
        command.Parameters.AddWithValue("$tenant", limit.TenantId);
        command.Parameters.AddWithValue("$subject", limit.SubjectReference);
        command.Parameters.AddWithValue("$kind", (int)limit.Kind);
        command.Parameters.AddWithValue("$purpose", limit.Purpose);
        command.Parameters.AddWithValue("$recorded", limit.RecordedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$request", limit.RequestId is { } id ? id.ToString("N") : DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> RemoveAsync(string tenantId, string subjectReference, ProcessingLimitKind kind, string purpose, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM tekup_gdpr_limits WHERE tenant_id = $tenant AND subject_ref = $subject AND kind = $kind AND purpose = $purpose;";
        command.Parameters.AddWithValue("$tenant", tenantId);
        command.Parameters.AddWithValue("$subject", subjectReference);
        command.Parameters.AddWithValue("$kind", (int)kind);
        command.Parameters.AddWithValue("$purpose", purpose);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<IReadOnlyList<ProcessingLimit>> ListAsync(string tenantId, string subjectReference, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, purpose, recorded_at, request_id FROM tekup_gdpr_limits WHERE tenant_id = $tenant AND subject_ref = $subject ORDER BY kind, purpose;";
        command.Parameters.AddWithValue("$tenant", tenantId);
        command.Parameters.AddWithValue("$subject", subjectReference);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<ProcessingLimit>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var kind = (ProcessingLimitKind)reader.GetInt32(0);
            if (!Enum.IsDefined(kind))
            {
                throw new TekUpStorageException("A stored processing limit has an unknown kind.");
            }

            list.Add(new ProcessingLimit
            {
                TenantId = tenantId,
                SubjectReference = subjectReference,
                Kind = kind,
                Purpose = reader.GetString(1),
                RecordedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                RequestId = reader.IsDBNull(3) ? null : Guid.ParseExact(reader.GetString(3), "N"),
            });
        }

        return list;
    }
}
