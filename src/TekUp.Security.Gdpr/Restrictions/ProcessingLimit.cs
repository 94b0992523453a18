namespace TekUp.Security.Gdpr;

/// <summary>
/// A recorded restriction or objection. The subject appears only as <see cref="SubjectReference"/>, a SHA-256
/// pseudonym bound to the tenant, so the store holds no direct identifier.
/// </summary>
public sealed record ProcessingLimit
{
    /// <summary>The purpose that matches every purpose (a restriction without a purpose).</summary>
    public const string AllPurposes = "*";

    /// <summary>The tenant.</summary>
    public required string TenantId { get; init; }

    /// <summary>The pseudonymous subject reference (64 hex characters).</summary>
    public required string SubjectReference { get; init; }

    /// <summary>Restriction or objection.</summary>
    public required ProcessingLimitKind Kind { get; init; }

    /// <summary>The purpose (1-64 letters, digits, '.', '-', '_'), or <see cref="AllPurposes"/>.</summary>
    public required string Purpose { get; init; }

    /// <summary>When it was recorded.</summary>
    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>The request that recorded it, if any.</summary>
    public Guid? RequestId { get; init; }
}
