namespace TekUp.Security.Gdpr;

/// <summary>
/// Restrictions (Art. 18) and objections (Art. 21) per subject and purpose, and the question hosts ask before processing:
/// <see cref="IsProcessingAllowedAsync"/>. A thread-safe singleton; changes are audited.
/// </summary>
public interface IProcessingRestrictionService
{
    /// <summary>Records a restriction for a purpose, or for every purpose (<see langword="null"/>).</summary>
    Task RestrictAsync(string tenantId, string subjectId, string? purpose = null, Guid? requestId = null, CancellationToken cancellationToken = default);

    /// <summary>Records an objection to processing for a purpose (for example <c>marketing</c>).</summary>
    Task ObjectAsync(string tenantId, string subjectId, string purpose, Guid? requestId = null, CancellationToken cancellationToken = default);

    /// <summary>Lifts a restriction (and every source's restriction mark) or withdraws an objection; returns whether one was recorded.</summary>
    Task<bool> LiftAsync(string tenantId, string subjectId, ProcessingLimitKind kind, string? purpose = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether the subject's data may be processed for <paramref name="purpose"/>: denied by a restriction of every
    /// purpose or of this one, or by an objection to this purpose.
    /// </summary>
    Task<ProcessingDecision> IsProcessingAllowedAsync(string tenantId, string subjectId, string purpose, CancellationToken cancellationToken = default);

    /// <summary>Lists the recorded restrictions and objections of a subject.</summary>
    Task<IReadOnlyList<ProcessingLimit>> ListAsync(string tenantId, string subjectId, CancellationToken cancellationToken = default);
}
