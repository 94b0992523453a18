using Microsoft.Data.Sqlite;
using TekUp.Security.Gdpr;
using TekUp.Security.Storage.Sqlite.Internal;

namespace TekUp.Security.Storage.Sqlite;

/// <summary>Stores requests in <c>tekup_gdpr_requests</c>: the record as JSON plus the columns the queries filter on.</summary>
internal sealed class SqliteDataSubjectRequestStore(SqliteDatabase database) : IDataSubjectRequestStore
{
    public async Task CreateAsync(DataSubjectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO tekup_gdpr_requests (tenant_id, id, subject_id, is_open, effective_due_at, next_purge_at, received_at, version, body)
            VALUES ($tenant, $id, $subject, $open, $due, $purge, $received, $version, $body);
            """;
        Bind(command, request);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (SqliteErrors.IsUniqueViolation(ex))
        {
            throw new DuplicateRecordException($"Request {request.Id} of tenant '{request.TenantId}' exists.", ex);
        }
    }

    public async Task<DataSubjectRequest?> FindAsync(string tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        var found = await QueryAsync("tenant_id = $tenant AND id = $id", "", c =>
        {
            c.Parameters.AddWithValue("$tenant", tenantId);
            c.Parameters.AddWithValue("$id", id.ToString("N"));
        }, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public async Task UpdateAsync(DataSubjectRequest request, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Version != expectedVersion + 1)
        {
            throw new ArgumentException("The new version must be the expected version + 1.", nameof(request));
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE tekup_gdpr_requests SET subject_id = $subject, is_open = $open, effective_due_at = $due, next_purge_at = $purge,
                received_at = $received, version = $version, body = $body
            WHERE tenant_id = $tenant AND id = $id AND version = $expected;
            """;
        Bind(command, request);
        command.Parameters.AddWithValue("$expected", expectedVersion);
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
        {
            throw new ConcurrencyException($"Request {request.Id} of tenant '{request.TenantId}' was changed or removed since it was read.");
        }
    }

    public Task<IReadOnlyList<DataSubjectRequest>> ListOverdueAsync(string tenantId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        QueryAsync("tenant_id = $tenant AND is_open = 1 AND effective_due_at <= $now", "ORDER BY effective_due_at, id", c =>
        {
            c.Parameters.AddWithValue("$tenant", tenantId);
            c.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        }, cancellationToken);

    public Task<IReadOnlyList<DataSubjectRequest>> ListRetentionEndedAsync(string tenantId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        QueryAsync("tenant_id = $tenant AND next_purge_at IS NOT NULL AND next_purge_at <= $now", "ORDER BY next_purge_at, id", c =>
        {
            c.Parameters.AddWithValue("$tenant", tenantId);
            c.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        }, cancellationToken);

    public Task<IReadOnlyList<DataSubjectRequest>> ListBySubjectAsync(string tenantId, string subjectId, CancellationToken cancellationToken = default) =>
        QueryAsync("tenant_id = $tenant AND subject_id = $subject", "ORDER BY received_at DESC, id DESC", c =>
        {
            c.Parameters.AddWithValue("$tenant", tenantId);
            c.Parameters.AddWithValue("$subject", subjectId);
        }, cancellationToken);

    private async Task<IReadOnlyList<DataSubjectRequest>> QueryAsync(string where, string order, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT body, version FROM tekup_gdpr_requests WHERE {where} {order};";
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<DataSubjectRequest>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(SqliteGdprJson.ReadRequest(reader.GetString(0), reader.GetInt64(1)));
        }

        return list;
    }

    private static void Bind(SqliteCommand command, DataSubjectRequest request)
    {
        command.Parameters.AddWithValue("$tenant", request.TenantId);
        command.Parameters.AddWithValue("$id", request.Id.ToString("N"));
        command.Parameters.AddWithValue("$subject", request.SubjectId);
        command.Parameters.AddWithValue("$open", request.IsOpen ? 1 : 0);
        command.Parameters.AddWithValue("$due", request.EffectiveDueAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$purge", request.NextPurgeAt is { } purge ? purge.ToUnixTimeMilliseconds() : DBNull.Value);
        command.Parameters.AddWithValue("$received", request.ReceivedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$version", request.Version);
        command.Parameters.AddWithValue("$body", SqliteGdprJson.Write(request));
    }
}
