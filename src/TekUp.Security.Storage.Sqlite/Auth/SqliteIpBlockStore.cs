using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using TekUp.Security.Auth.Networking;
using TekUp.Security.Storage.Sqlite.Internal;

namespace TekUp.Security.Storage.Sqlite;

/// <summary>Stores IP blocks in <c>tekup_ip_blocks</c>, one row per normalised address.</summary>
internal sealed class SqliteIpBlockStore(SqliteDatabase database) : IIpBlockStore
{
    private const string Columns = "address, blocked_until, created_at, reason, source";

    public async Task UpsertAsync(IpBlock block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO tekup_ip_blocks ({Columns}) VALUES ($address, $until, $created, $reason, $source)
            ON CONFLICT (address) DO UPDATE SET blocked_until = excluded.blocked_until, created_at = excluded.created_at,
                reason = excluded.reason, source = excluded.source;
            """;
        command.Parameters.AddWithValue("$address", block.Address);
        command.Parameters.AddWithValue("$until", block.BlockedUntil.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$created", block.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$reason", block.Reason);
        command.Parameters.AddWithValue("$source", (object?)block.Source ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> RemoveAsync(string address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM tekup_ip_blocks WHERE address = $address;";
        command.Parameters.AddWithValue("$address", address);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async ValueTask<IpBlock?> FindAsync(string address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM tekup_ip_blocks WHERE address = $address;";
        command.Parameters.AddWithValue("$address", address);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    public async IAsyncEnumerable<IpBlock> ListActiveAsync(DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM tekup_ip_blocks WHERE blocked_until > $now ORDER BY address;";
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return Read(reader);
        }
    }

    public async Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM tekup_ip_blocks WHERE blocked_until <= $now;";
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static IpBlock Read(SqliteDataReader reader) => new()
    {
        Address = reader.GetString(0),
        BlockedUntil = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
        Reason = reader.GetString(3),
        Source = reader.IsDBNull(4) ? null : reader.GetString(4),
    };
}
