namespace TekUp.Security.Auditing;

/// <summary>The tamper-evident audit trail. A thread-safe singleton.</summary>
public interface IAuditTrail
{
    /// <summary>
    /// Queues a record for appending. Returns when the record is queued; waits (back-pressure) when the queue is
    /// full, and never drops a record. Use <see cref="FlushAsync"/> to wait until queued records are stored.
    /// </summary>
    ValueTask AppendAsync(AuditRecord record, CancellationToken cancellationToken = default);

    /// <summary>Waits until every record queued before this call is stored (or the store failed, which throws).</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);
}
