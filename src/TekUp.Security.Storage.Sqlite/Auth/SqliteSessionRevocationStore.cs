using System.Runtime.CompilerServices;
using TekUp.Security.Auth.Sessions;
using TekUp.Security.Storage.Sqlite.Internal;

namespace TekUp.Security.Storage.Sqlite;

/// <summary>Stores session revocations in <c>tekup_session_revocations</c> and cut-offs in <c>tekup_session_cutoffs</c>.</summary>
internal sealed class SqliteSessionRevocationStore(SqliteDatabase database) : ISessionRevocationStore
{
    public async Task AddRevocationAsync(SessionTokenRevocation revocation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO tekup_session_revocations (tenant_id, token_id, expires_at, revoked_at)
            VALUES ($tenant, $token, $expires, $revoked)
            ON CONFLICT (tenant_id, token_id) DO NOTHING;
            """;
        command.Parameters.AddWithValue("$tenant", revocation.TenantId);
        command.Parameters.AddWithValue("$token", revocation.TokenId);
        command.Parameters.AddWithValue("$expires", revocation.ExpiresAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$revoked", revocation.RevokedAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task AddCutoffAsync(SessionCutoff cutoff, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cutoff);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO tekup_session_cutoffs (tenant_id, key_id, issued_before)
            VALUES ($tenant, $key, $before)
            ON CONFLICT (tenant_id, key_id) DO UPDATE SET issued_before = max(issued_before, excluded.issued_before);
            """;
        command.Parameters.AddWithValue("$tenant", cutoff.TenantId);
        command.Parameters.AddWithValue("$key", cutoff.KeyId ?? string.Empty);
        command.Parameters.AddWithValue("$before", cutoff.IssuedBefore.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<SessionTokenRevocation> ListRevocationsAsync(DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT tenant_id, token_id, expires_at, revoked_at FROM tekup_session_revocations WHERE expires_at > $now ORDER BY tenant_id, token_id;";
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new SessionTokenRevocation
            {
                TenantId = reader.GetString(0),
                TokenId = reader.GetString(1),
                ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                RevokedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
            };
        }
    }

    public async IAsyncEnumerable<SessionCutoff> ListCutoffsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT tenant_id, key_id, issued_before FROM tekup_session_cutoffs ORDER BY tenant_id, key_id;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var keyId = reader.GetString(1);
            yield return new SessionCutoff
            {
                TenantId = reader.GetString(0),
                KeyId = keyId.Length == 0 ? null : keyId,
                IssuedBefore = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
            };
        }
    }

    public async Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            DELETE FROM tekup_session_revocations WHERE expires_at <= $now;
            DELETE FROM tekup_session_cutoffs WHERE issued_before < $cutoff;
            """;
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$cutoff", (now - ISessionRevocationStore.CutoffRetention).ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
