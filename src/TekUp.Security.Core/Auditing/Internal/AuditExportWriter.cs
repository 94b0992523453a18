using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace TekUp.Security.Auditing.Internal;

/// <summary>
/// Writes an export as JSON lines: a header; the periodic checkpoint before the first match (unless it is entry 1);
/// every entry from there to the next checkpoint or head after the last match, in full when it matches the query and
/// as a hash-only link otherwise; the checkpoints met on the way; and a footer signing the SHA-256 of all lines before it.
/// </summary>
internal sealed class AuditExportWriter(IAuditStore store, IAuditKeyProvider keys, TimeProvider time, string chainId)
{
    public const string Format = "tekup-audit-export";
    public const int FormatVersion = 1;
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    private const int FlushThreshold = 64 * 1024;

    private readonly ArrayBufferWriter<byte> _buffer = new(FlushThreshold * 2);
    private readonly IncrementalHash _digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly AuditCanonicalForm _canonical = new();
    private long _entries;
    private long _links;
    private long _checkpoints;

    public async Task WriteAsync(Stream destination, AuditQuery query, CancellationToken cancellationToken)
    {
        using (_digest)
        {
            var head = await store.GetHeadAsync(chainId, cancellationToken).ConfigureAwait(false);
            var bounded = query with { ToSequence = Math.Min(query.ToSequence ?? long.MaxValue, head?.Sequence ?? 0) };
            long first = 0, last = 0;
            if (head is not null && (bounded.FromSequence ?? 1) <= bounded.ToSequence)
            {
                await foreach (var entry in store.QueryAsync(chainId, bounded, cancellationToken).ConfigureAwait(false))
                {
                    first = first == 0 ? entry.Sequence : first;
                    last = entry.Sequence;
                }
            }

            WriteLine(writer => WriteHeader(writer, query));
            var lastSequence = 0L;
            if (last > 0)
            {
                lastSequence = await WriteBodyAsync(destination, head!, bounded, first, last, cancellationToken).ConfigureAwait(false);
            }

            WriteFooter(lastSequence);
            await FlushAsync(destination, force: true, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<long> WriteBodyAsync(Stream destination, AuditCheckpoint head, AuditQuery query, long first, long last, CancellationToken cancellationToken)
    {
        AuditCheckpoint? anchor = null;
        await foreach (var checkpoint in store.ReadCheckpointsAsync(chainId, 1, first - 1, cancellationToken).ConfigureAwait(false))
        {
            anchor = checkpoint;
        }

        var end = head;
        await foreach (var checkpoint in store.ReadCheckpointsAsync(chainId, last, head.Sequence, cancellationToken).ConfigureAwait(false))
        {
            end = checkpoint;
            break;
        }

        if (anchor is not null)
        {
            WriteCheckpoint(anchor);
        }

        var start = (anchor?.Sequence ?? 0) + 1;
        await using var checkpoints = store.ReadCheckpointsAsync(chainId, start, end.Sequence, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var pending = await checkpoints.MoveNextAsync().ConfigureAwait(false) ? checkpoints.Current : null;
        await foreach (var entry in store.ReadAsync(chainId, start, end.Sequence, cancellationToken).ConfigureAwait(false))
        {
            if (entry.Sequence <= last && query.Matches(entry))
            {
                WriteLine(writer => WriteEntry(writer, entry));
                _entries++;
            }
            else
            {
                WriteLine(writer => WriteLink(writer, entry));
                _links++;
            }

            while (pending is not null && pending.Sequence <= entry.Sequence)
            {
                WriteCheckpoint(pending);
                pending = await checkpoints.MoveNextAsync().ConfigureAwait(false) ? checkpoints.Current : null;
            }

            await FlushAsync(destination, force: false, cancellationToken).ConfigureAwait(false);
        }

        if (end.Kind == AuditCheckpointKind.Head)
        {
            WriteCheckpoint(end);
        }

        return end.Sequence;
    }

    private void WriteHeader(Utf8JsonWriter writer, AuditQuery query)
    {
        writer.WriteString("type", "header");
        writer.WriteString("format", Format);
        writer.WriteNumber("version", FormatVersion);
        writer.WriteString("chainId", chainId);
        writer.WriteString("algorithm", AuditCanonicalForm.Algorithm);
        writer.WriteString("exportedAt", FormatTimestamp(time.GetUtcNow()));
        writer.WriteStartObject("query");
        WriteOptional(writer, "tenantId", query.TenantId);
        WriteOptional(writer, "eventType", query.EventType);
        WriteOptional(writer, "actor", query.Actor);
        WriteOptional(writer, "from", query.From is { } from ? FormatTimestamp(from) : null);
        WriteOptional(writer, "to", query.To is { } to ? FormatTimestamp(to) : null);
        if (query.FromSequence is { } fromSequence)
        {
            writer.WriteNumber("fromSequence", fromSequence);
        }

        if (query.ToSequence is { } toSequence)
        {
            writer.WriteNumber("toSequence", toSequence);
        }

        if (query.Limit is { } limit)
        {
            writer.WriteNumber("limit", limit);
        }

        writer.WriteEndObject();
    }

    private static void WriteEntry(Utf8JsonWriter writer, AuditEntry entry)
    {
        writer.WriteString("type", "entry");
        writer.WriteNumber("sequence", entry.Sequence);
        writer.WriteString("timestamp", FormatTimestamp(entry.Timestamp));
        writer.WriteString("tenantId", entry.TenantId);
        writer.WriteString("eventType", entry.EventType);
        writer.WriteString("actor", entry.Actor);
        writer.WriteString("subjectPseudonym", entry.SubjectPseudonym);
        writer.WriteString("resource", entry.Resource);
        writer.WriteNumber("outcome", (int)entry.Outcome);
        writer.WriteString("reason", entry.Reason);
        writer.WriteStartObject("data");
        foreach (var key in entry.Data.Keys.Order(StringComparer.Ordinal))
        {
            writer.WriteString(key, entry.Data[key]);
        }

        writer.WriteEndObject();
        writer.WriteString("previousHash", entry.PreviousHash);
        writer.WriteString("hash", entry.Hash);
    }

    private void WriteLink(Utf8JsonWriter writer, AuditEntry entry)
    {
        Span<byte> content = stackalloc byte[AuditCanonicalForm.HashSize];
        try
        {
            _canonical.ContentHash(entry, content);
        }
        catch (System.Text.EncoderFallbackException)
        {
            // A stored field was damaged into malformed text: write a content hash that cannot verify.
            content.Clear();
        }

        writer.WriteString("type", "link");
        writer.WriteNumber("sequence", entry.Sequence);
        writer.WriteString("contentHash", Convert.ToHexStringLower(content));
        writer.WriteString("previousHash", entry.PreviousHash);
        writer.WriteString("hash", entry.Hash);
    }

    private void WriteCheckpoint(AuditCheckpoint checkpoint)
    {
        WriteLine(writer =>
        {
            writer.WriteString("type", "checkpoint");
            writer.WriteString("kind", checkpoint.Kind == AuditCheckpointKind.Head ? "head" : "periodic");
            writer.WriteNumber("sequence", checkpoint.Sequence);
            writer.WriteString("hash", checkpoint.Hash);
            writer.WriteNumber("previousCheckpoint", checkpoint.PreviousCheckpointSequence);
            writer.WriteString("timestamp", FormatTimestamp(checkpoint.Timestamp));
            writer.WriteString("algorithm", checkpoint.Algorithm);
            writer.WriteString("keyId", checkpoint.KeyId);
            writer.WriteString("signature", checkpoint.Signature);
        });
        _checkpoints++;
    }

    private void WriteFooter(long lastSequence)
    {
        Span<byte> digest = stackalloc byte[AuditCanonicalForm.HashSize];
        _digest.GetHashAndReset(digest);
        var data = _canonical.ExportFooter(chainId, digest, _entries, _links, _checkpoints, lastSequence);
        Span<byte> signature = stackalloc byte[AuditCanonicalForm.HashSize];
        var keyId = keys.Sign(data, signature);
        var digestHex = Convert.ToHexStringLower(digest);
        var signatureHex = Convert.ToHexStringLower(signature);
        WriteLine(writer =>
        {
            writer.WriteString("type", "footer");
            writer.WriteNumber("entries", _entries);
            writer.WriteNumber("links", _links);
            writer.WriteNumber("checkpoints", _checkpoints);
            writer.WriteNumber("lastSequence", lastSequence);
            writer.WriteString("digest", digestHex);
            writer.WriteString("keyId", keyId);
            writer.WriteString("signature", signatureHex);
        });
    }

    private void WriteLine(Action<Utf8JsonWriter> write)
    {
        var start = _buffer.WrittenCount;
        using (var writer = new Utf8JsonWriter(_buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        _digest.AppendData(_buffer.WrittenSpan[start..]);
    }

    private async Task FlushAsync(Stream destination, bool force, CancellationToken cancellationToken)
    {
        if (_buffer.WrittenCount == 0 || (!force && _buffer.WrittenCount < FlushThreshold))
        {
            return;
        }

        await destination.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        _buffer.ResetWrittenCount();
        if (force)
        {
            await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    internal static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);
}
