namespace TekUp.Security.Auditing;

/// <summary>
/// Selects audit entries. Every criterion is optional and they combine with AND; results are ordered by sequence.
/// Page with <see cref="FromSequence"/> = last sequence seen + 1 and <see cref="Limit"/>.
/// </summary>
public sealed record AuditQuery
{
    /// <summary>The largest accepted <see cref="Limit"/>: 1,000,000.</summary>
    public const int MaxLimit = 1_000_000;

    /// <summary>Only entries of this tenant.</summary>
    public string? TenantId { get; init; }

    /// <summary>Only entries of this event type (exact match).</summary>
    public string? EventType { get; init; }

    /// <summary>Only entries of this actor (exact match).</summary>
    public string? Actor { get; init; }

    /// <summary>Only entries with a timestamp at or after this instant.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only entries with a timestamp before this instant.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Only entries with at least this sequence number.</summary>
    public long? FromSequence { get; init; }

    /// <summary>Only entries with at most this sequence number.</summary>
    public long? ToSequence { get; init; }

    /// <summary>At most this many entries (1 to <see cref="MaxLimit"/>); <see langword="null"/> means all.</summary>
    public int? Limit { get; init; }

    /// <summary>Every entry.</summary>
    public static AuditQuery All { get; } = new();

    /// <summary>Whether <paramref name="entry"/> matches the criteria other than <see cref="Limit"/>.</summary>
    /// <param name="entry">A stored entry.</param>
    public bool Matches(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return (TenantId is null || string.Equals(entry.TenantId, TenantId, StringComparison.Ordinal))
            && (EventType is null || string.Equals(entry.EventType, EventType, StringComparison.Ordinal))
            && (Actor is null || string.Equals(entry.Actor, Actor, StringComparison.Ordinal))
            && (From is null || entry.Timestamp >= From.Value)
            && (To is null || entry.Timestamp < To.Value)
            && (FromSequence is null || entry.Sequence >= FromSequence.Value)
            && (ToSequence is null || entry.Sequence <= ToSequence.Value);
    }

    /// <summary>Throws <see cref="ArgumentException"/> when the query cannot be run.</summary>
    internal void Validate()
    {
        if (Limit is < 1 or > MaxLimit)
        {
            throw new ArgumentException($"{nameof(AuditQuery)}.{nameof(Limit)} must be between 1 and {MaxLimit}.", "query");
        }

        if (FromSequence is < 1)
        {
            throw new ArgumentException($"{nameof(AuditQuery)}.{nameof(FromSequence)} must be at least 1.", "query");
        }

        if (ToSequence is < 1 || (FromSequence is { } from && ToSequence is { } to && to < from))
        {
            throw new ArgumentException($"{nameof(AuditQuery)}.{nameof(ToSequence)} must be at least 1 and not below {nameof(FromSequence)}.", "query");
        }

        if (From is { } start && To is { } end && end < start)
        {
            throw new ArgumentException($"{nameof(AuditQuery)}.{nameof(To)} must not be before {nameof(From)}.", "query");
        }
    }
}
