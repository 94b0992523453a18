namespace TekUp.Security.Gdpr;

/// <summary>A request as received from a data subject.</summary>
public sealed record NewDataSubjectRequest
{
    /// <summary>The tenant. Required: 1-64 letters, digits, '.', '-' or '_'.</summary>
    public required string TenantId { get; init; }

    /// <summary>The right exercised.</summary>
    public required DataSubjectRequestKind Kind { get; init; }

    /// <summary>The host's identifier of the subject (1-256 characters).</summary>
    public required string SubjectId { get; init; }

    /// <summary>
    /// Objection: the purpose objected to (required, for example <c>marketing</c>). Restriction: the purpose restricted,
    /// or <see langword="null"/> for every purpose. Ignored by the other kinds.
    /// </summary>
    public string? Purpose { get; init; }

    /// <summary>When the request was received; <see langword="null"/> means now. The deadline runs from it.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>Who registered the request (a principal id, <c>system</c>), for the audit trail.</summary>
    public string? Actor { get; init; }
}
