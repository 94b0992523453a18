namespace TekUp.Security.Auditing;

/// <summary>
/// What a module asks the audit trail to record. The trail adds the sequence number, timestamp and hash chain.
/// Never put a raw API key, token, password, key material or personal data in a record: put personal
/// identifiers in <see cref="Subject"/>, which the trail pseudonymises with a keyed hash before storing.
/// </summary>
public sealed record AuditRecord
{
    /// <summary>A dotted, lower-case event type, for example <c>key.generated</c> or <c>auth.failed</c>.</summary>
    public required string EventType { get; init; }

    /// <summary>The tenant concerned, or <see langword="null"/> for platform-wide events.</summary>
    public string? TenantId { get; init; }

    /// <summary>Who acted: a system identifier (principal id, API key id, <c>system</c>), stored as given.</summary>
    public string? Actor { get; init; }

    /// <summary>The data subject concerned (a person). Stored only as a keyed pseudonym.</summary>
    public string? Subject { get; init; }

    /// <summary>The resource acted on, for example <c>key:0f3c...</c> or <c>invoices/42</c>.</summary>
    public string? Resource { get; init; }

    /// <summary>The outcome.</summary>
    public AuditOutcome Outcome { get; init; } = AuditOutcome.Success;

    /// <summary>A machine-readable reason code, for example <c>revoked_key</c>.</summary>
    public string? Reason { get; init; }

    /// <summary>Further non-secret details.</summary>
    public IReadOnlyDictionary<string, string>? Data { get; init; }
}
