namespace TekUp.Security.Auditing;

/// <summary>
/// A stored audit entry: an <see cref="AuditRecord"/> with its place in the hash chain. <see cref="Hash"/> is
/// SHA-256 over the canonical byte form of every other property (see docs/audit-trail.md), which includes
/// <see cref="PreviousHash"/>, so changing any stored entry breaks the chain from that entry on.
/// </summary>
public sealed record AuditEntry
{
    /// <summary>The <see cref="PreviousHash"/> of a chain's first entry: 64 zeros.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The chain the entry belongs to (the application name, <see cref="TekUpSecurityOptions.ApplicationName"/>).</summary>
    public required string ChainId { get; init; }

    /// <summary>The 1-based position in the chain; consecutive without gaps.</summary>
    public required long Sequence { get; init; }

    /// <summary>When the record was appended (UTC, millisecond precision), from the SDK's <see cref="TimeProvider"/>.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The tenant concerned, or <see langword="null"/> for platform-wide events.</summary>
    public string? TenantId { get; init; }

    /// <summary>The dotted, lower-case event type, for example <c>key.generated</c>.</summary>
    public required string EventType { get; init; }

    /// <summary>Who acted (a system identifier), as given.</summary>
    public string? Actor { get; init; }

    /// <summary>The keyed pseudonym of the data subject (never the subject itself), or <see langword="null"/>.</summary>
    public string? SubjectPseudonym { get; init; }

    /// <summary>The resource acted on.</summary>
    public string? Resource { get; init; }

    /// <summary>The outcome.</summary>
    public required AuditOutcome Outcome { get; init; }

    /// <summary>A machine-readable reason code.</summary>
    public string? Reason { get; init; }

    /// <summary>Further non-secret details; empty when there are none.</summary>
    public IReadOnlyDictionary<string, string> Data { get; init; } = EmptyData;

    /// <summary>The <see cref="Hash"/> of the previous entry (64 zeros for the first entry), lower-case hex.</summary>
    public required string PreviousHash { get; init; }

    /// <summary>SHA-256 of the entry's canonical byte form, lower-case hex.</summary>
    public required string Hash { get; init; }

    internal static IReadOnlyDictionary<string, string> EmptyData { get; } = new Dictionary<string, string>(0, StringComparer.Ordinal).AsReadOnly();
}
