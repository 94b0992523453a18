using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using TekUp.Security.Auditing;
using TekUp.Security.Storage.Sqlite.Internal;

namespace TekUp.Security.Storage.Sqlite;

/// <summary>
/// Stores audit chains in <c>tekup_audit_entries</c>, <c>tekup_audit_checkpoints</c> and <c>tekup_audit_heads</c>.
/// A batch is written in one <c>BEGIN IMMEDIATE</c> transaction, which takes SQLite's write lock first, so the head
/// check and the inserts are atomic across every process using the file. Rows are read back strictly: a value the
/// trail never writes (data that is not the canonical JSON it stores) is reported as corruption.
/// </summary>
internal sealed class SqliteAuditStore(SqliteDatabase database) : IAuditStore
{
    private const string EntryColumns = "chain_id, sequence, timestamp, tenant_id, event_type, actor, subject, resource, outcome, reason, data, previous_hash, hash";
    private const string CheckpointColumns = "chain_id, sequence, hash, previous_checkpoint, timestamp, algorithm, key_id, signature";

    public async Task<AuditCheckpoint?> GetHeadAsync(string chainId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chainId);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadHeadAsync(connection, null, chainId, cancellationToken).ConfigureAwait(false);
    }

    public async Task AppendAsync(AuditBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await CheckContinuesAsync(connection, transaction, batch, cancellationToken).ConfigureAwait(false);
            await InsertEntriesAsync(connection, transaction, batch, cancellationToken).ConfigureAwait(false);
            foreach (var checkpoint in batch.Checkpoints)
            {
                await WriteCheckpointAsync(connection, transaction, "INSERT INTO tekup_audit_checkpoints", checkpoint, cancellationToken).ConfigureAwait(false);
            }

            await WriteCheckpointAsync(connection, transaction, "INSERT OR REPLACE INTO tekup_audit_heads", batch.Head, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex) when (SqliteErrors.IsUniqueViolation(ex))
        {
            throw new AuditCorruptionException(batch.FirstSequence, $"Audit chain '{batch.ChainId}' already holds an entry or checkpoint the head does not account for.");
        }
        catch (SqliteException ex)
        {
            throw new TekUpStorageException($"Could not store audit entries {batch.FirstSequence}-{batch.Head.Sequence}; nothing was written.", ex);
        }
    }

    public async IAsyncEnumerable<AuditEntry> ReadAsync(string chainId, long fromSequence, long toSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chainId);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {EntryColumns} FROM tekup_audit_entries WHERE chain_id = $chain AND sequence BETWEEN $from AND $to ORDER BY sequence;";
        command.Parameters.AddWithValue("$chain", chainId);
        command.Parameters.AddWithValue("$from", fromSequence);
        command.Parameters.AddWithValue("$to", toSequence);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ReadEntry(reader);
        }
    }

    public async IAsyncEnumerable<AuditCheckpoint> ReadCheckpointsAsync(string chainId, long fromSequence, long toSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chainId);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {CheckpointColumns} FROM tekup_audit_checkpoints WHERE chain_id = $chain AND sequence BETWEEN $from AND $to ORDER BY sequence;";
        command.Parameters.AddWithValue("$chain", chainId);
        command.Parameters.AddWithValue("$from", fromSequence);
        command.Parameters.AddWithValue("$to", toSequence);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ReadCheckpoint(reader, AuditCheckpointKind.Periodic);
        }
    }

    public async IAsyncEnumerable<AuditEntry> QueryAsync(string chainId, AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chainId);
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder($"SELECT {EntryColumns} FROM tekup_audit_entries WHERE chain_id = $chain");
        command.Parameters.AddWithValue("$chain", chainId);
        AddFilter(command, sql, "tenant_id = $tenant", "$tenant", query.TenantId);
        AddFilter(command, sql, "event_type = $type", "$type", query.EventType);
        AddFilter(command, sql, "actor = $actor", "$actor", query.Actor);
        AddFilter(command, sql, "timestamp >= $start", "$start", query.From is { } from ? CeilingMilliseconds(from) : null);
        AddFilter(command, sql, "timestamp < $end", "$end", query.To is { } to ? CeilingMilliseconds(to) : null);
        AddFilter(command, sql, "sequence >= $first", "$first", query.FromSequence);
        AddFilter(command, sql, "sequence <= $last", "$last", query.ToSequence);
        sql.Append(" ORDER BY sequence");
        AddFilter(command, sql, " LIMIT $limit", "$limit", query.Limit, where: false);
        command.CommandText = sql.Append(';').ToString();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ReadEntry(reader);
        }
    }

    public async Task<long> GetLastSequenceAsync(string chainId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chainId);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(sequence), 0) FROM tekup_audit_entries WHERE chain_id = $chain;";
        command.Parameters.AddWithValue("$chain", chainId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task CheckContinuesAsync(SqliteConnection connection, SqliteTransaction transaction, AuditBatch batch, CancellationToken cancellationToken)
    {
        var head = await ReadHeadAsync(connection, transaction, batch.ChainId, cancellationToken).ConfigureAwait(false);
        await using var last = connection.CreateCommand();
        last.Transaction = transaction;
        last.CommandText = "SELECT sequence, hash FROM tekup_audit_entries WHERE chain_id = $chain ORDER BY sequence DESC LIMIT 1;";
        last.Parameters.AddWithValue("$chain", batch.ChainId);
        long lastSequence = 0;
        string? lastHash = null;
        await using (var reader = await last.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                lastSequence = reader.GetInt64(0);
                lastHash = reader.GetString(1);
            }
        }

        var headSequence = head?.Sequence ?? 0;
        if (lastSequence != headSequence || (head is not null && !string.Equals(lastHash, head.Hash, StringComparison.Ordinal)))
        {
            throw new AuditCorruptionException(Math.Min(lastSequence, headSequence) + 1,
                $"Audit chain '{batch.ChainId}': the stored head ({headSequence}) and the last stored entry ({lastSequence}) disagree. Appends are refused until the chain is verified.");
        }

        if (batch.FirstSequence != headSequence + 1 || !string.Equals(batch.PreviousHash, head?.Hash ?? AuditEntry.GenesisHash, StringComparison.Ordinal))
        {
            throw new AuditChainConflictException($"Audit chain '{batch.ChainId}' is at sequence {headSequence}; the batch starts at {batch.FirstSequence}.");
        }
    }

    private static async Task InsertEntriesAsync(SqliteConnection connection, SqliteTransaction transaction, AuditBatch batch, CancellationToken cancellationToken)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO tekup_audit_entries ({EntryColumns}) VALUES ($chain, $sequence, $timestamp, $tenant, $type, $actor, $subject, $resource, $outcome, $reason, $data, $previous, $hash);";
        var parameters = new[] { "$chain", "$sequence", "$timestamp", "$tenant", "$type", "$actor", "$subject", "$resource", "$outcome", "$reason", "$data", "$previous", "$hash" }
            .Select(name => insert.Parameters.Add(name, SqliteType.Text))
            .ToArray();
        parameters[1].SqliteType = SqliteType.Integer;
        parameters[2].SqliteType = SqliteType.Integer;
        parameters[8].SqliteType = SqliteType.Integer;
        insert.Prepare();
        var json = new ArrayBufferWriter<byte>(256);
        using var writer = new Utf8JsonWriter(json);
        foreach (var entry in batch.Entries)
        {
            parameters[0].Value = entry.ChainId;
            parameters[1].Value = entry.Sequence;
            parameters[2].Value = entry.Timestamp.ToUnixTimeMilliseconds();
            parameters[3].Value = (object?)entry.TenantId ?? DBNull.Value;
            parameters[4].Value = entry.EventType;
            parameters[5].Value = (object?)entry.Actor ?? DBNull.Value;
            parameters[6].Value = (object?)entry.SubjectPseudonym ?? DBNull.Value;
            parameters[7].Value = (object?)entry.Resource ?? DBNull.Value;
            parameters[8].Value = (int)entry.Outcome;
            parameters[9].Value = (object?)entry.Reason ?? DBNull.Value;
            parameters[10].Value = (object?)SerializeData(entry.Data, json, writer) ?? DBNull.Value;
            parameters[11].Value = entry.PreviousHash;
            parameters[12].Value = entry.Hash;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteCheckpointAsync(SqliteConnection connection, SqliteTransaction transaction, string insert, AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"{insert} ({CheckpointColumns}) VALUES ($chain, $sequence, $hash, $previous, $timestamp, $algorithm, $key, $signature);";
        command.Parameters.AddWithValue("$chain", checkpoint.ChainId);
        command.Parameters.AddWithValue("$sequence", checkpoint.Sequence);
        command.Parameters.AddWithValue("$hash", checkpoint.Hash);
        command.Parameters.AddWithValue("$previous", checkpoint.PreviousCheckpointSequence);
        command.Parameters.AddWithValue("$timestamp", checkpoint.Timestamp.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$algorithm", checkpoint.Algorithm);
        command.Parameters.AddWithValue("$key", checkpoint.KeyId);
        command.Parameters.AddWithValue("$signature", checkpoint.Signature);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<AuditCheckpoint?> ReadHeadAsync(SqliteConnection connection, SqliteTransaction? transaction, string chainId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {CheckpointColumns} FROM tekup_audit_heads WHERE chain_id = $chain;";
        command.Parameters.AddWithValue("$chain", chainId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadCheckpoint(reader, AuditCheckpointKind.Head) : null;
    }

    private static AuditCheckpoint ReadCheckpoint(SqliteDataReader reader, AuditCheckpointKind kind) => new()
    {
        ChainId = reader.GetString(0),
        Kind = kind,
        Sequence = reader.GetInt64(1),
        Hash = reader.GetString(2),
        PreviousCheckpointSequence = reader.GetInt64(3),
        Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
        Algorithm = reader.GetString(5),
        KeyId = reader.GetString(6),
        Signature = reader.GetString(7),
    };

    private static AuditEntry ReadEntry(SqliteDataReader reader)
    {
        var sequence = reader.GetInt64(1);
        try
        {
            return new AuditEntry
            {
                ChainId = reader.GetString(0),
                Sequence = sequence,
                Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                TenantId = NullableString(reader, 3),
                EventType = reader.GetString(4),
                Actor = NullableString(reader, 5),
                SubjectPseudonym = NullableString(reader, 6),
                Resource = NullableString(reader, 7),
                Outcome = (AuditOutcome)reader.GetInt32(8),
                Reason = NullableString(reader, 9),
                Data = ParseData(NullableString(reader, 10), sequence),
                PreviousHash = reader.GetString(11),
                Hash = reader.GetString(12),
            };
        }
        catch (Exception ex) when (ex is InvalidCastException or InvalidOperationException or ArgumentOutOfRangeException or OverflowException or FormatException)
        {
            throw new AuditCorruptionException(sequence, $"Audit entry {sequence} cannot be read: a column holds a value the trail never writes.");
        }
    }

    private static string? NullableString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>The data column: NULL when empty, else a JSON object with keys in ordinal order (the only form written).</summary>
    internal static string? SerializeData(IReadOnlyDictionary<string, string> data)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using var writer = new Utf8JsonWriter(buffer);
        return SerializeData(data, buffer, writer);
    }

    private static string? SerializeData(IReadOnlyDictionary<string, string> data, ArrayBufferWriter<byte> buffer, Utf8JsonWriter writer)
    {
        if (data.Count == 0)
        {
            return null;
        }

        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        writer.WriteStartObject();
        foreach (var key in data.Keys.Order(StringComparer.Ordinal))
        {
            writer.WriteString(key, data[key]);
        }

        writer.WriteEndObject();
        writer.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static IReadOnlyDictionary<string, string> ParseData(string? json, long sequence)
    {
        if (json is null)
        {
            return AuditEntryData.Empty;
        }

        Dictionary<string, string>? data;
        try
        {
            data = JsonSerializer.Deserialize(json, SqliteJsonContext.Default.DictionaryStringString);
        }
        catch (JsonException)
        {
            throw new AuditCorruptionException(sequence, $"Audit entry {sequence} has a data column that is not JSON.");
        }

        // Any other spelling of the same data (whitespace, key order, escapes, '{}' for none) was not written by the store.
        if (data is null || !string.Equals(SerializeData(data), json, StringComparison.Ordinal))
        {
            throw new AuditCorruptionException(sequence, $"Audit entry {sequence} has a data column that is not in the form the store writes.");
        }

        return data;
    }

    private static void AddFilter(SqliteCommand command, StringBuilder sql, string condition, string name, object? value, bool where = true)
    {
        if (value is null)
        {
            return;
        }

        sql.Append(where ? " AND " : string.Empty).Append(condition);
        command.Parameters.AddWithValue(name, value);
    }

    private static long CeilingMilliseconds(DateTimeOffset value)
    {
        var milliseconds = value.ToUnixTimeMilliseconds();
        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) < value ? milliseconds + 1 : milliseconds;
    }

    private static class AuditEntryData
    {
        public static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>(0, StringComparer.Ordinal).AsReadOnly();
    }
}
