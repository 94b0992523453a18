namespace TekUp.Security.Auditing;

/// <summary>The outcome of verifying an audit chain or an export. Check <see cref="IsValid"/>.</summary>
public sealed record AuditVerificationResult
{
    /// <summary>Whether everything verified.</summary>
    public bool IsValid => Failure == AuditVerificationFailure.None;

    /// <summary>Why verification failed, or <see cref="AuditVerificationFailure.None"/>.</summary>
    public AuditVerificationFailure Failure { get; init; }

    /// <summary>The first sequence number that cannot be trusted, when verification failed.</summary>
    public long? FirstBrokenSequence { get; init; }

    /// <summary>A non-secret explanation for operators.</summary>
    public string? Detail { get; init; }

    /// <summary>The chain verified.</summary>
    public string? ChainId { get; init; }

    /// <summary>The number of entries whose hash was recomputed.</summary>
    public long EntriesVerified { get; init; }

    /// <summary>The number of signed checkpoints (periodic and head) verified.</summary>
    public long CheckpointsVerified { get; init; }

    /// <summary>The last sequence number covered, or 0 for an empty chain.</summary>
    public long LastSequence { get; init; }
}
