using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace TekUp.Security.Auditing.Internal;

/// <summary>
/// The canonical byte forms that are hashed and signed (documented byte by byte in docs/audit-trail.md). Integers
/// are big-endian; a string is a 4-byte big-endian byte length (-1 for null) followed by its UTF-8 bytes; hashes are
/// 32 raw bytes. Not thread-safe: each writer or verifier owns one instance and reuses its buffer.
/// </summary>
internal sealed class AuditCanonicalForm
{
    public const byte Version = 1;
    public const string Algorithm = "SHA-256";
    public const int HashSize = 32;
    public const int HexHashLength = HashSize * 2;

    /// <summary>The previous hash of the first entry: 32 zero bytes.</summary>
    public const string GenesisHash = AuditEntry.GenesisHash;

    // Strict: a lone surrogate throws instead of becoming U+FFFD, so two different strings never encode alike.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private byte[] _buffer = new byte[512];
    private int _length;

    private static ReadOnlySpan<byte> EntryMagic => "TKAE"u8;

    private static ReadOnlySpan<byte> LinkMagic => "TKAL"u8;

    private static ReadOnlySpan<byte> CheckpointMagic => "TKAC"u8;

    private static ReadOnlySpan<byte> ExportMagic => "TKAX"u8;

    // The entry hash is SHA-256("TKAL" | version | sequence | content hash | previous hash), where the content hash is
    // SHA-256 of the other fields' canonical bytes. The two steps let an export stand in for an entry by its content
    // hash alone (a link) while the link's hash is still recomputed, so no hash in a chain is ever taken on trust; and
    // they let the content hash be computed when the record is appended, on the caller's thread, before its sequence
    // is known.

    /// <summary>SHA-256 of an entry's canonical content bytes (every field but the sequence and the hashes).</summary>
    /// <exception cref="EncoderFallbackException">A string holds a lone surrogate.</exception>
    public void ContentHash(
        string chainId, long timestampMilliseconds, string? tenantId, string eventType, string? actor,
        string? subjectPseudonym, string? resource, AuditOutcome outcome, string? reason,
        IReadOnlyDictionary<string, string> data, Span<byte> contentHash)
    {
        _length = 0;
        WriteBytes(EntryMagic);
        WriteByte(Version);
        WriteString(chainId);
        WriteInt64(timestampMilliseconds);
        WriteString(tenantId);
        WriteString(eventType);
        WriteString(actor);
        WriteString(subjectPseudonym);
        WriteString(resource);
        WriteInt32((int)outcome);
        WriteString(reason);
        WriteInt32(data.Count);
        if (data.Count > 0)
        {
            var keys = new string[data.Count];
            var i = 0;
            foreach (var key in data.Keys)
            {
                keys[i++] = key;
            }

            Array.Sort(keys, StringComparer.Ordinal);
            foreach (var key in keys)
            {
                WriteString(key);
                WriteString(data[key]);
            }
        }

        SHA256.HashData(_buffer.AsSpan(0, _length), contentHash);
    }

    /// <summary>SHA-256("TKAL" | version | sequence | content hash | previous hash): the entry hash.</summary>
    public static void ChainHash(long sequence, ReadOnlySpan<byte> contentHash, ReadOnlySpan<byte> previousHash, Span<byte> hash)
    {
        Span<byte> link = stackalloc byte[4 + 1 + 8 + HashSize + HashSize];
        LinkMagic.CopyTo(link);
        link[4] = Version;
        BinaryPrimitives.WriteInt64BigEndian(link[5..], sequence);
        contentHash.CopyTo(link[13..]);
        previousHash.CopyTo(link[(13 + HashSize)..]);
        SHA256.HashData(link, hash);
    }

    /// <summary>Computes the content hash of a stored entry.</summary>
    /// <exception cref="EncoderFallbackException">A string holds a lone surrogate.</exception>
    public void ContentHash(AuditEntry entry, Span<byte> contentHash) =>
        ContentHash(
            entry.ChainId, entry.Timestamp.ToUnixTimeMilliseconds(), entry.TenantId, entry.EventType, entry.Actor,
            entry.SubjectPseudonym, entry.Resource, entry.Outcome, entry.Reason, entry.Data, contentHash);

    /// <summary>Computes the hash of a stored entry, parsing its previous hash.</summary>
    /// <returns><see langword="false"/> when the previous hash is not 64 lower-case hex digits.</returns>
    /// <exception cref="EncoderFallbackException">A string holds a lone surrogate.</exception>
    public bool TryHashEntry(AuditEntry entry, Span<byte> hash)
    {
        Span<byte> previous = stackalloc byte[HashSize];
        if (!TryParseHash(entry.PreviousHash, previous))
        {
            return false;
        }

        Span<byte> content = stackalloc byte[HashSize];
        ContentHash(entry, content);
        ChainHash(entry.Sequence, content, previous, hash);
        return true;
    }

    /// <summary>The bytes a checkpoint signature covers. The key id is not covered: the key itself binds the signature.</summary>
    /// <exception cref="EncoderFallbackException">A string holds a lone surrogate.</exception>
    public ReadOnlySpan<byte> Checkpoint(
        AuditCheckpointKind kind, string chainId, long sequence, ReadOnlySpan<byte> hash, long previousCheckpointSequence,
        long timestampMilliseconds, string algorithm)
    {
        _length = 0;
        WriteBytes(CheckpointMagic);
        WriteByte(Version);
        WriteByte((byte)kind);
        WriteString(chainId);
        WriteInt64(sequence);
        WriteBytes(hash);
        WriteInt64(previousCheckpointSequence);
        WriteInt64(timestampMilliseconds);
        WriteString(algorithm);
        return _buffer.AsSpan(0, _length);
    }

    /// <summary>The bytes an export footer signature covers.</summary>
    public ReadOnlySpan<byte> ExportFooter(string chainId, ReadOnlySpan<byte> digest, long entries, long links, long checkpoints, long lastSequence)
    {
        _length = 0;
        WriteBytes(ExportMagic);
        WriteByte(Version);
        WriteString(chainId);
        WriteBytes(digest);
        WriteInt64(entries);
        WriteInt64(links);
        WriteInt64(checkpoints);
        WriteInt64(lastSequence);
        return _buffer.AsSpan(0, _length);
    }

    /// <summary>Parses exactly 64 lower-case hex digits.</summary>
    public static bool TryParseHash(string? hex, Span<byte> destination)
    {
        if (hex is null || hex.Length != destination.Length * 2)
        {
            return false;
        }

        foreach (var c in hex)
        {
            if (!char.IsAsciiDigit(c) && c is < 'a' or > 'f')
            {
                return false;
            }
        }

        return Convert.FromHexString(hex, destination, out _, out var written) == System.Buffers.OperationStatus.Done && written == destination.Length;
    }

    private void WriteString(string? value)
    {
        if (value is null)
        {
            WriteInt32(-1);
            return;
        }

        Ensure(4 + Utf8.GetMaxByteCount(value.Length));
        var written = Utf8.GetBytes(value, _buffer.AsSpan(_length + 4));
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), written);
        _length += 4 + written;
    }

    private void WriteInt64(long value)
    {
        Ensure(8);
        BinaryPrimitives.WriteInt64BigEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    private void WriteInt32(int value)
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    private void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    private void WriteBytes(ReadOnlySpan<byte> value)
    {
        Ensure(value.Length);
        value.CopyTo(_buffer.AsSpan(_length));
        _length += value.Length;
    }

    private void Ensure(int extra)
    {
        if (_length + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
        }
    }
}
