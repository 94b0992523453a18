namespace TekUp.Security.Gdpr;

/// <summary>
/// One category of personal data the host keeps (customers, invoices, support tickets): implemented by the host and
/// registered with <c>builder.AddGdpr(g =&gt; g.AddPersonalDataSource&lt;T&gt;())</c>. The module calls every registered
/// source for each data-subject request; a source that throws is recorded as failed for that request and can be retried
/// alone, and does not stop the others. The registered sources are the record of processing activities (Art. 30).
/// </summary>
/// <remarks>
/// Implementations must be idempotent: erasing records that are already gone, or restricting a subject twice, succeeds.
/// A subject the source does not know is not an error: return no records, or 0 from the counting operations.
/// </remarks>
public interface IPersonalDataSource
{
    /// <summary>
    /// The category name, unique among the registered sources: 1-64 letters, digits, '.', '-' or '_'
    /// (for example <c>customers</c>). Used as the file name in exports and as the key of the request's sub-task.
    /// </summary>
    string Category { get; }

    /// <summary>Whether every record has the same flat fields, so that an export also carries the category as CSV.</summary>
    bool IsTabular { get; }

    /// <summary>
    /// The retention rule that keeps this category's records beyond an erasure request (Art. 17(3)), or
    /// <see langword="null"/> when the records are erased on request.
    /// </summary>
    RetentionRule? Retention { get; }

    /// <summary>Returns every record of the subject in this category (empty when the subject is unknown).</summary>
    /// <param name="context">The tenant, subject and request.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<PersonalDataRecord>> CollectAsync(PersonalDataContext context, CancellationToken cancellationToken = default);

    /// <summary>Applies corrections to the subject's records (Art. 16) and returns how many records changed.</summary>
    /// <param name="context">The tenant, subject and request.</param>
    /// <param name="corrections">Field name to corrected value; fields this source does not hold are ignored.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<int> RectifyAsync(PersonalDataContext context, IReadOnlyDictionary<string, string?> corrections, CancellationToken cancellationToken = default);

    /// <summary>
    /// Erases the given records of the subject and returns how many were erased. The module passes only records that no
    /// retention rule keeps; records already gone are not an error.
    /// </summary>
    /// <param name="context">The tenant, subject and request.</param>
    /// <param name="recordIds">The ids (from <see cref="PersonalDataRecord.Id"/>) to erase.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<int> EraseAsync(PersonalDataContext context, IReadOnlyCollection<string> recordIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks the subject's records restricted (Art. 18: stored, not otherwise processed) or lifts the mark, and returns
    /// how many records are affected.
    /// </summary>
    /// <param name="context">The tenant, subject and request.</param>
    /// <param name="restricted"><see langword="true"/> to restrict, <see langword="false"/> to lift.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<int> RestrictAsync(PersonalDataContext context, bool restricted, CancellationToken cancellationToken = default);
}
