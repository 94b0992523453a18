namespace TekUp.Security.Gdpr;

/// <summary>
/// A data-subject request: a durable state machine with one <see cref="SourceTask"/> per registered personal-data source.
/// Immutable; every change is stored as a new version (optimistic concurrency on <see cref="Version"/>).
/// </summary>
public sealed record DataSubjectRequest
{
    /// <summary>The request id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The tenant.</summary>
    public required string TenantId { get; init; }

    /// <summary>The right exercised.</summary>
    public required DataSubjectRequestKind Kind { get; init; }

    /// <summary>The host's identifier of the data subject. Kept in the request store only (never in audit entries or logs).</summary>
    public required string SubjectId { get; init; }

    /// <summary>Objection and restriction: the processing purpose concerned (for example <c>marketing</c>); <see langword="null"/> means every purpose.</summary>
    public string? Purpose { get; init; }

    /// <summary>The state.</summary>
    public required DataSubjectRequestStatus Status { get; init; }

    /// <summary>When the request was received.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The original deadline: one calendar month after receipt (Art. 12(3)); see docs/gdpr.md for the exact rule.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>The extended deadline, when extended (Art. 12(3): by at most two further months).</summary>
    public DateTimeOffset? ExtendedDueAt { get; init; }

    /// <summary>The recorded reason of the extension (told to the subject within the first month).</summary>
    public string? ExtensionReason { get; init; }

    /// <summary>When the identity was verified.</summary>
    public DateTimeOffset? IdentityVerifiedAt { get; init; }

    /// <summary>How the identity was verified (a code such as <c>mitid</c> or <c>signed_in</c>).</summary>
    public string? IdentityVerificationMethod { get; init; }

    /// <summary>When the request reached <see cref="DataSubjectRequestStatus.Completed"/>, <see cref="DataSubjectRequestStatus.PartiallyCompleted"/> or <see cref="DataSubjectRequestStatus.Rejected"/> (last time).</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Why the request was rejected (a reason code).</summary>
    public string? RejectionReason { get; init; }

    /// <summary>One task per registered source, in registration order. Empty for objections.</summary>
    public IReadOnlyList<SourceTask> Tasks { get; init; } = [];

    /// <summary>Access and portability: the id of the latest export.</summary>
    public Guid? ExportId { get; init; }

    /// <summary>The stored version; incremented by every update.</summary>
    public long Version { get; init; }

    /// <summary>The deadline in force: <see cref="ExtendedDueAt"/> when extended, else <see cref="DueAt"/>.</summary>
    public DateTimeOffset EffectiveDueAt => ExtendedDueAt ?? DueAt;

    /// <summary>Whether the request still needs work (received, verified or in progress).</summary>
    public bool IsOpen => Status is DataSubjectRequestStatus.Received or DataSubjectRequestStatus.IdentityVerified or DataSubjectRequestStatus.InProgress;

    /// <summary>Whether the request is open and past its deadline at <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    public bool IsOverdueAt(DateTimeOffset now) => IsOpen && now >= EffectiveDueAt;

    /// <summary>When a purge next has work for this request: the earliest end of a retention among its tasks, or <see langword="null"/>.</summary>
    public DateTimeOffset? NextPurgeAt
    {
        get
        {
            DateTimeOffset? next = null;
            foreach (var task in Tasks)
            {
                if (task.Retention is { } retention && (next is null || retention.NextPurgeAt < next))
                {
                    next = retention.NextPurgeAt;
                }
            }

            return next;
        }
    }
}
