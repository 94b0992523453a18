namespace TekUp.Security.Auditing.Internal;

/// <summary>
/// A validated record waiting in the queue: the subject is already pseudonymised, the data copied (the caller may
/// reuse its dictionary), the timestamp taken.
/// </summary>
internal sealed class PendingAuditRecord
{
    public required long TimestampMilliseconds { get; init; }

    public string? TenantId { get; init; }

    public required string EventType { get; init; }

    public string? Actor { get; init; }

    public string? SubjectPseudonym { get; init; }

    public string? Resource { get; init; }

    public required AuditOutcome Outcome { get; init; }

    public string? Reason { get; init; }

    public required IReadOnlyDictionary<string, string> Data { get; init; }

    /// <summary>SHA-256 of the canonical content bytes, computed on the appending thread.</summary>
    public required byte[] ContentHash { get; init; }
}
