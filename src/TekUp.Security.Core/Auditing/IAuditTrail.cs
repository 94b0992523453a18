namespace TekUp.Security.Auditing;

/// <summary>
/// The tamper-evident audit trail: an append-only hash chain with signed checkpoints. A thread-safe singleton.
/// See docs/audit-trail.md.
/// </summary>
public interface IAuditTrail
{
    /// <summary>
    /// Queues a record for appending. Returns when the record is queued; waits (back-pressure) when the queue is
    /// full, and never drops a record. Use <see cref="FlushAsync"/> to wait until queued records are stored.
    /// </summary>
    /// <param name="record">The record. The subject is pseudonymised before it is queued.</param>
    /// <param name="cancellationToken">Cancels waiting for queue space; the record is then not queued.</param>
    /// <exception cref="ArgumentException">The record breaks a rule (event type format, lengths, tenant id format).</exception>
    /// <exception cref="ObjectDisposedException">The trail was disposed.</exception>
    ValueTask AppendAsync(AuditRecord record, CancellationToken cancellationToken = default);

    /// <summary>Waits until every record queued before this call is stored (or the store failed, which throws).</summary>
    /// <param name="cancellationToken">Cancels waiting; the records stay queued.</param>
    /// <exception cref="Storage.TekUpStorageException">The store failed; the records stay queued and are retried.</exception>
    Task FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Recomputes the hash chain over the stored entries (all, or <paramref name="range"/>) and checks every signed
    /// checkpoint and the head. Stored entries only: call <see cref="FlushAsync"/> first to include queued records.
    /// </summary>
    /// <param name="range">The entries to verify, or <see langword="null"/> for the whole chain.</param>
    /// <param name="cancellationToken">Cancels the verification.</param>
    /// <returns>The result, naming the first broken sequence number when the chain does not verify.</returns>
    Task<AuditVerificationResult> VerifyAsync(AuditVerificationRange? range = null, CancellationToken cancellationToken = default);

    /// <summary>Reads stored entries matching <paramref name="query"/>, ordered by sequence.</summary>
    /// <param name="query">The filter and page.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="ArgumentException">The query is invalid (limit out of range, reversed range).</exception>
    IAsyncEnumerable<AuditEntry> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the entries matching <paramref name="query"/> to <paramref name="destination"/> as JSON lines, with the
    /// hashes of the entries in between that do not match and the signed checkpoints at both ends, so that
    /// <see cref="AuditExportVerifier.VerifyAsync"/> can verify the export offline.
    /// </summary>
    /// <param name="destination">A writable stream; it is not closed.</param>
    /// <param name="query">The filter.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    Task ExportAsync(Stream destination, AuditQuery query, CancellationToken cancellationToken = default);
}
