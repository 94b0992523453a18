using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using TekUp.Security.Auditing.Internal;
using TekUp.Security.Internal;

namespace TekUp.Security.Auditing;

/// <summary>
/// Verifies an export written by <see cref="IAuditTrail.ExportAsync"/> without the store, like CloudTrail's log-file
/// validation: recomputes every entry hash, follows the hash links through the entries left out, checks the signed
/// checkpoints at both ends and the signed footer over the whole file (so a truncated or edited export fails).
/// Needs only the signing keys (for example <see cref="OptionsAuditKeyProvider"/> built from the configured keys).
/// </summary>
public static class AuditExportVerifier
{
    /// <summary>The longest accepted line: 1 MiB.</summary>
    public const int MaxLineBytes = 1024 * 1024;

    /// <summary>Verifies the export read from <paramref name="export"/>.</summary>
    /// <param name="export">A readable stream positioned at the export's first byte; it is not closed.</param>
    /// <param name="keys">The audit keys that signed the checkpoints and the footer.</param>
    /// <param name="cancellationToken">Cancels the verification.</param>
    /// <returns>The result; <see cref="AuditVerificationResult.FirstBrokenSequence"/> names the first entry that cannot be trusted.</returns>
    public static async Task<AuditVerificationResult> VerifyAsync(Stream export, IAuditKeyProvider keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(keys);

        var reader = new LineReader(export);
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AuditChainVerifier? verifier = null;
        string? chainId = null;
        var body = false;
        while (true)
        {
            var line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null)
            {
                if (verifier is null)
                {
                    return Malformed(null, reader.Problem ?? "The export is empty.");
                }

                return reader.Problem is { } problem && problem.StartsWith("A line", StringComparison.Ordinal)
                    ? Fail(verifier, AuditVerificationFailure.MalformedExport, verifier.LastSequence + 1, problem)
                    : Fail(verifier, AuditVerificationFailure.MissingTail, verifier.LastSequence + 1, reader.Problem ?? "The export ends without its signed footer: it was truncated.");
            }

            try
            {
                using var document = JsonDocument.Parse(line.Value[..^1]);
                var root = document.RootElement;
                var type = root.GetProperty("type").GetString();
                if (verifier is null)
                {
                    chainId = ReadHeader(root, type);
                    if (chainId is null)
                    {
                        return Malformed(null, "The first line is not a TekUp audit export header (format, version 1, SHA-256, chain id).");
                    }

                    verifier = new AuditChainVerifier(chainId, keys);
                    digest.AppendData(line.Value.Span);
                    continue;
                }

                switch (type)
                {
                    case "entry":
                        body = true;
                        if (!verifier.AddEntry(ReadEntry(root, chainId!)))
                        {
                            return verifier.Result();
                        }

                        break;
                    case "link":
                        body = true;
                        if (!verifier.AddLink(root.GetProperty("sequence").GetInt64(), Required(root, "contentHash"), Required(root, "previousHash"), Required(root, "hash")))
                        {
                            return verifier.Result();
                        }

                        break;
                    case "checkpoint":
                        var checkpoint = ReadCheckpoint(root, chainId!);
                        if (!(body || verifier.LastSequence > 0 ? verifier.AddCheckpoint(checkpoint) : StartAt(verifier, checkpoint)))
                        {
                            return verifier.Result();
                        }

                        break;
                    case "footer":
                        var result = CheckFooter(verifier, root, chainId!, digest, keys);
                        return result.IsValid && await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is not null
                            ? Fail(verifier, AuditVerificationFailure.MalformedExport, verifier.LastSequence + 1, "Lines follow the signed footer.")
                            : result;
                    default:
                        return Fail(verifier, AuditVerificationFailure.MalformedExport, verifier.LastSequence + 1, "A line has an unknown type.");
                }
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
            {
                return Fail(verifier, AuditVerificationFailure.MalformedExport, (verifier?.LastSequence ?? 0) + 1, "A line is not a well-formed export line.");
            }

            digest.AppendData(line.Value.Span);
        }
    }

    private static bool StartAt(AuditChainVerifier verifier, AuditCheckpoint anchor) =>
        anchor.Kind == AuditCheckpointKind.Periodic
            ? verifier.StartAfter(anchor)
            : verifier.Fail(AuditVerificationFailure.MalformedExport, 1, "The export starts with a head instead of a periodic checkpoint.");

    private static AuditVerificationResult CheckFooter(AuditChainVerifier verifier, JsonElement root, string chainId, IncrementalHash digest, IAuditKeyProvider keys)
    {
        var entries = root.GetProperty("entries").GetInt64();
        var links = root.GetProperty("links").GetInt64();
        var checkpoints = root.GetProperty("checkpoints").GetInt64();
        var lastSequence = root.GetProperty("lastSequence").GetInt64();
        var keyId = Required(root, "keyId");
        Span<byte> actual = stackalloc byte[AuditCanonicalForm.HashSize];
        digest.GetHashAndReset(actual);
        Span<byte> signature = stackalloc byte[AuditCanonicalForm.HashSize];
        Span<byte> claimed = stackalloc byte[AuditCanonicalForm.HashSize];
        if (!AuditCanonicalForm.TryParseHash(Required(root, "signature"), signature) || !AuditCanonicalForm.TryParseHash(Required(root, "digest"), claimed))
        {
            return Fail(verifier, AuditVerificationFailure.MalformedExport, verifier.LastSequence + 1, "The footer is malformed.");
        }

        var data = new AuditCanonicalForm().ExportFooter(chainId, claimed, entries, links, checkpoints, lastSequence);
        if (!keys.Verify(keyId, data, signature))
        {
            var unknown = keys is IAuditKeyDirectory directory && !directory.ContainsSigningKey(keyId);
            return Fail(verifier, unknown ? AuditVerificationFailure.UnknownKey : AuditVerificationFailure.BadSignature, verifier.LastSequence + 1,
                unknown ? $"The footer is signed with key '{keyId}', which the key provider does not hold." : "The footer's signature does not verify: the export was forged or changed.");
        }

        if (!CryptographicOperations.FixedTimeEquals(actual, claimed))
        {
            return Fail(verifier, AuditVerificationFailure.MalformedExport, verifier.LastSequence + 1, "The export's lines do not hash to the signed digest: lines were changed, added or removed.");
        }

        // The footer was signed by the trail; now the chain walked must be exactly what it counted, anchored at its end.
        var rest = verifier.Result();
        if (lastSequence != verifier.LastSequence || entries != rest.EntriesVerified || checkpoints != rest.CheckpointsVerified)
        {
            return Fail(verifier, AuditVerificationFailure.MalformedExport, verifier.LastSequence + 1, "The export does not hold what its signed footer counts.");
        }

        return verifier.LastSequence > 0 && verifier.LastAnchored != verifier.LastSequence
            ? Fail(verifier, AuditVerificationFailure.MissingTail, verifier.LastAnchored + 1, "The export's last entries are not covered by a signed checkpoint.")
            : rest;
    }

    private static string? ReadHeader(JsonElement root, string? type)
    {
        if (type != "header"
            || root.GetProperty("format").GetString() != AuditExportWriter.Format
            || root.GetProperty("version").GetInt32() != AuditExportWriter.FormatVersion
            || root.GetProperty("algorithm").GetString() != AuditCanonicalForm.Algorithm)
        {
            return null;
        }

        var chainId = root.GetProperty("chainId").GetString();
        return Identifiers.IsValidName(chainId) ? chainId : null;
    }

    private static AuditEntry ReadEntry(JsonElement root, string chainId)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in root.GetProperty("data").EnumerateObject())
        {
            data.Add(property.Name, property.Value.GetString() ?? throw new FormatException("A data value is null."));
        }

        return new AuditEntry
        {
            ChainId = chainId,
            Sequence = root.GetProperty("sequence").GetInt64(),
            Timestamp = ParseTimestamp(Required(root, "timestamp")),
            TenantId = root.GetProperty("tenantId").GetString(),
            EventType = Required(root, "eventType"),
            Actor = root.GetProperty("actor").GetString(),
            SubjectPseudonym = root.GetProperty("subjectPseudonym").GetString(),
            Resource = root.GetProperty("resource").GetString(),
            Outcome = (AuditOutcome)root.GetProperty("outcome").GetInt32(),
            Reason = root.GetProperty("reason").GetString(),
            Data = data,
            PreviousHash = Required(root, "previousHash"),
            Hash = Required(root, "hash"),
        };
    }

    private static AuditCheckpoint ReadCheckpoint(JsonElement root, string chainId) => new()
    {
        ChainId = chainId,
        Kind = Required(root, "kind") switch
        {
            "periodic" => AuditCheckpointKind.Periodic,
            "head" => AuditCheckpointKind.Head,
            _ => throw new FormatException("Unknown checkpoint kind."),
        },
        Sequence = root.GetProperty("sequence").GetInt64(),
        Hash = Required(root, "hash"),
        PreviousCheckpointSequence = root.GetProperty("previousCheckpoint").GetInt64(),
        Timestamp = ParseTimestamp(Required(root, "timestamp")),
        Algorithm = Required(root, "algorithm"),
        KeyId = Required(root, "keyId"),
        Signature = Required(root, "signature"),
    };

    private static string Required(JsonElement root, string name) =>
        root.GetProperty(name).GetString() ?? throw new FormatException($"'{name}' is null.");

    private static DateTimeOffset ParseTimestamp(string value) =>
        new(DateTime.ParseExact(value, AuditExportWriter.TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);

    private static AuditVerificationResult Malformed(AuditChainVerifier? verifier, string detail) =>
        Fail(verifier, AuditVerificationFailure.MalformedExport, null, detail);

    private static AuditVerificationResult Fail(AuditChainVerifier? verifier, AuditVerificationFailure failure, long? firstBroken, string detail)
    {
        if (verifier is null)
        {
            return new AuditVerificationResult { Failure = failure, FirstBrokenSequence = firstBroken, Detail = detail };
        }

        verifier.Fail(failure, firstBroken, detail);
        return verifier.Result();
    }

    /// <summary>Reads '\n'-terminated lines as raw bytes (the digest covers the exact bytes), bounded in length.</summary>
    private sealed class LineReader(Stream stream)
    {
        private byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;
        private bool _eof;

        /// <summary>Why <see cref="ReadLineAsync"/> returned null: null at a clean end of the stream.</summary>
        public string? Problem { get; private set; }

        /// <summary>The next line including its '\n', or null at the end of the stream or on a bad line (see <see cref="Problem"/>).</summary>
        public async ValueTask<ReadOnlyMemory<byte>?> ReadLineAsync(CancellationToken cancellationToken)
        {
            var scanned = 0;
            while (true)
            {
                var index = _buffer.AsSpan(_start + scanned, _end - _start - scanned).IndexOf((byte)'\n');
                if (index >= 0)
                {
                    var line = _buffer.AsMemory(_start, scanned + index + 1).ToArray();
                    _start += scanned + index + 1;
                    return line;
                }

                scanned = _end - _start;
                if (scanned > MaxLineBytes)
                {
                    Problem = $"A line is longer than {MaxLineBytes} bytes.";
                    return null;
                }

                if (_eof)
                {
                    // The trail ends every line with '\n': a cut last line means the file was truncated.
                    Problem = scanned == 0 ? null : "The export's last line is cut off: it was truncated.";
                    return null;
                }

                if (_start > 0)
                {
                    Buffer.BlockCopy(_buffer, _start, _buffer, 0, scanned);
                    _end = scanned;
                    _start = 0;
                }

                if (_end == _buffer.Length)
                {
                    Array.Resize(ref _buffer, _buffer.Length * 2);
                }

                var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
                _eof = read == 0;
                _end += read;
            }
        }
    }
}
