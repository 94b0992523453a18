namespace TekUp.Security.Gdpr;

/// <summary>
/// Receives and processes data-subject requests (Art. 12, 15-21) across every registered <see cref="IPersonalDataSource"/>.
/// A thread-safe singleton. Every transition is written to the audit trail with the subject pseudonymised.
/// </summary>
/// <remarks>
/// Refusals that follow from the rules (extension too long, identity not verified) are results; a bad argument throws
/// <see cref="ArgumentException"/>; a concurrent change of the same request throws
/// <see cref="Storage.ConcurrencyException"/> (read it again and retry).
/// </remarks>
public interface IDataSubjectRequestService
{
    /// <summary>Registers a received request, due one calendar month after receipt (Art. 12(3)).</summary>
    Task<DataSubjectRequest> SubmitAsync(NewDataSubjectRequest request, CancellationToken cancellationToken = default);

    /// <summary>Returns a request, or <see langword="null"/>.</summary>
    Task<DataSubjectRequest?> GetAsync(string tenantId, Guid requestId, CancellationToken cancellationToken = default);

    /// <summary>Records that the subject's identity was verified (Art. 12(6)), with how (a code such as <c>mitid</c>).</summary>
    Task<DataSubjectRequestResult> VerifyIdentityAsync(string tenantId, Guid requestId, string method, string? actor = null, CancellationToken cancellationToken = default);

    /// <summary>Rejects an open request with a reason code (for example <c>identity_not_verified</c>, <c>manifestly_unfounded</c>).</summary>
    Task<DataSubjectRequestResult> RejectAsync(string tenantId, Guid requestId, string reason, string? actor = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Extends the deadline once by 1 or 2 calendar months with a recorded reason (Art. 12(3)); refused after the
    /// original deadline, a second time, beyond two months or without a reason.
    /// </summary>
    Task<DataSubjectRequestResult> ExtendAsync(string tenantId, Guid requestId, int months, string reason, string? actor = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs every source that has not completed, then completes the request, or completes it partially when a source
    /// failed or kept data under retention. Processing a completed request again returns it unchanged.
    /// </summary>
    Task<DataSubjectRequestResult> ProcessAsync(string tenantId, Guid requestId, RequestProcessingInput? input = null, CancellationToken cancellationToken = default);

    /// <summary>Runs one failed source of a partially completed request again, and completes the request when nothing failed any more.</summary>
    Task<DataSubjectRequestResult> RetrySourceAsync(string tenantId, Guid requestId, string category, RequestProcessingInput? input = null, CancellationToken cancellationToken = default);

    /// <summary>Returns the erasure record of an erasure request (what was erased, what was kept and why), or <see langword="null"/>.</summary>
    Task<ErasureRecord?> GetErasureRecordAsync(string tenantId, Guid requestId, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's open requests past their deadline in force, earliest deadline first.</summary>
    Task<IReadOnlyList<DataSubjectRequest>> ListOverdueAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Erases data kept by earlier erasure requests whose retention has ended, per source, using the current time; runs
    /// the next step of crypto-shredding when nothing of the subject remains. Safe to run at any interval.
    /// </summary>
    Task<RetentionPurgeResult> PurgeExpiredRetentionAsync(string tenantId, CancellationToken cancellationToken = default);
}
