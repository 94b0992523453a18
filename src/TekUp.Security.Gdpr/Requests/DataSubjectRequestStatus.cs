namespace TekUp.Security.Gdpr;

/// <summary>
/// Where a request is in its life: <see cref="Received"/> → <see cref="IdentityVerified"/> → <see cref="InProgress"/> →
/// <see cref="Completed"/> or <see cref="PartiallyCompleted"/>; <see cref="Rejected"/> from any state before completion.
/// </summary>
public enum DataSubjectRequestStatus
{
    /// <summary>Received; the subject's identity is not verified yet.</summary>
    Received = 1,

    /// <summary>The subject's identity is verified (Art. 12(6)); the request can be processed.</summary>
    IdentityVerified = 2,

    /// <summary>The sources are being processed.</summary>
    InProgress = 3,

    /// <summary>Every source completed (or held no data).</summary>
    Completed = 4,

    /// <summary>At least one source failed (retry it) or kept data under a retention rule.</summary>
    PartiallyCompleted = 5,

    /// <summary>Refused (identity not verified, manifestly unfounded or excessive: Art. 12(5)).</summary>
    Rejected = 6,
}
