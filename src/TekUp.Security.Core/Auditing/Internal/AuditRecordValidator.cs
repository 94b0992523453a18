using TekUp.Security.Internal;

namespace TekUp.Security.Auditing.Internal;

/// <summary>
/// Checks an <see cref="AuditRecord"/> and turns it into a <see cref="PendingAuditRecord"/>. Messages name the field and
/// the rule, never the value (it may be personal data).
/// </summary>
internal static class AuditRecordValidator
{
    public const int MaxEventTypeLength = 64;
    public const int MaxActorLength = 128;
    public const int MaxSubjectLength = 256;
    public const int MaxResourceLength = 256;
    public const int MaxDataEntries = 32;
    public const int MaxDataValueLength = 1024;

    [ThreadStatic]
    private static AuditCanonicalForm? t_canonical;

    public static PendingAuditRecord Prepare(AuditRecord record, string chainId, IAuditKeyProvider keys, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!IsEventType(record.EventType))
        {
            throw Invalid(nameof(AuditRecord.EventType), $"must be 1-{MaxEventTypeLength} characters of dot-separated lower-case segments, each starting with a letter and holding letters, digits, '_' or '-' (for example 'key.generated')");
        }

        if (record.TenantId is not null && !Identifiers.IsValidName(record.TenantId))
        {
            throw Invalid(nameof(AuditRecord.TenantId), "must be null or 1-64 characters of letters, digits, '.', '-' or '_'");
        }

        CheckText(record.Actor, nameof(AuditRecord.Actor), MaxActorLength);
        CheckText(record.Subject, nameof(AuditRecord.Subject), MaxSubjectLength);
        CheckText(record.Resource, nameof(AuditRecord.Resource), MaxResourceLength);
        if (record.Reason is not null && !Identifiers.IsValidName(record.Reason))
        {
            throw Invalid(nameof(AuditRecord.Reason), "must be null or a reason code of 1-64 letters, digits, '.', '-' or '_'");
        }

        if (!Enum.IsDefined(record.Outcome))
        {
            throw Invalid(nameof(AuditRecord.Outcome), "must be a defined AuditOutcome value");
        }

        var timestamp = time.GetUtcNow().ToUnixTimeMilliseconds();
        var pseudonym = record.Subject is null ? null : keys.Pseudonymize(record.Subject);
        var data = CopyData(record.Data);
        var contentHash = new byte[AuditCanonicalForm.HashSize];
        (t_canonical ??= new AuditCanonicalForm()).ContentHash(
            chainId, timestamp, record.TenantId, record.EventType, record.Actor, pseudonym, record.Resource, record.Outcome, record.Reason, data, contentHash);
        return new PendingAuditRecord
        {
            TimestampMilliseconds = timestamp,
            TenantId = record.TenantId,
            EventType = record.EventType,
            Actor = record.Actor,
            SubjectPseudonym = pseudonym,
            Resource = record.Resource,
            Outcome = record.Outcome,
            Reason = record.Reason,
            Data = data,
            ContentHash = contentHash,
        };
    }

    /// <summary>Dot-separated segments of [a-z][a-z0-9_-]*, 1-64 characters.</summary>
    public static bool IsEventType(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxEventTypeLength)
        {
            return false;
        }

        var segmentStart = true;
        foreach (var c in value)
        {
            if (segmentStart)
            {
                if (!char.IsAsciiLetterLower(c))
                {
                    return false;
                }

                segmentStart = false;
            }
            else if (c == '.')
            {
                segmentStart = true;
            }
            else if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        return !segmentStart;
    }

    private static IReadOnlyDictionary<string, string> CopyData(IReadOnlyDictionary<string, string>? data)
    {
        if (data is null || data.Count == 0)
        {
            return AuditEntry.EmptyData;
        }

        if (data.Count > MaxDataEntries)
        {
            throw Invalid(nameof(AuditRecord.Data), $"must hold at most {MaxDataEntries} entries");
        }

        var copy = new Dictionary<string, string>(data.Count, StringComparer.Ordinal);
        foreach (var (key, value) in data)
        {
            if (!Identifiers.IsValidName(key))
            {
                throw Invalid(nameof(AuditRecord.Data), "keys must be 1-64 characters of letters, digits, '.', '-' or '_'");
            }

            if (value is null)
            {
                throw Invalid(nameof(AuditRecord.Data), "values must not be null");
            }

            CheckText(value, nameof(AuditRecord.Data), MaxDataValueLength, allowEmpty: true);
            if (!copy.TryAdd(key, value))
            {
                throw Invalid(nameof(AuditRecord.Data), "keys must be unique under ordinal comparison");
            }
        }

        return copy.AsReadOnly();
    }

    private static void CheckText(string? value, string field, int maxLength, bool allowEmpty = false)
    {
        if (value is null)
        {
            return;
        }

        if ((!allowEmpty && value.Length == 0) || value.Length > maxLength)
        {
            throw Invalid(field, allowEmpty ? $"must be at most {maxLength} characters" : $"must be null or 1-{maxLength} characters");
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c))
            {
                throw Invalid(field, "must not contain control characters");
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                throw Invalid(field, "must be well-formed UTF-16 (no lone surrogate)");
            }
        }
    }

    private static ArgumentException Invalid(string field, string rule) =>
        new($"Audit record {field} {rule}.", "record");
}
