namespace TekUp.Security.Auditing;

/// <summary>
/// Persists audit chains. Implemented by every storage provider; used only by the audit trail, which computes the
/// hashes and signatures. A store never changes or deletes an entry.
/// </summary>
public interface IAuditStore
{
    /// <summary>Reads the chain's head checkpoint, or <see langword="null"/> when nothing was stored yet (or the head was deleted).</summary>
    /// <param name="chainId">The chain.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<AuditCheckpoint?> GetHeadAsync(string chainId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the batch's entries, checkpoints and head in one transaction, under the store's write lock, after
    /// checking that the batch continues the stored chain: its first sequence is the stored head's plus one and its
    /// previous hash is the stored head's hash (a new chain starts at 1 with 64 zeros).
    /// </summary>
    /// <param name="batch">The batch.</param>
    /// <param name="cancellationToken">Cancels the write; nothing is stored then.</param>
    /// <exception cref="AuditChainConflictException">Another writer extended the chain first; nothing was stored.</exception>
    /// <exception cref="AuditCorruptionException">The stored head and the stored entries disagree; nothing was stored.</exception>
    /// <exception cref="Storage.TekUpStorageException">The store failed; nothing was stored.</exception>
    Task AppendAsync(AuditBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Reads the stored entries with <paramref name="fromSequence"/> ≤ sequence ≤ <paramref name="toSequence"/>, ordered by sequence.</summary>
    /// <param name="chainId">The chain.</param>
    /// <param name="fromSequence">The first sequence, inclusive.</param>
    /// <param name="toSequence">The last sequence, inclusive.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="AuditCorruptionException">A stored row cannot be read back as an entry.</exception>
    IAsyncEnumerable<AuditEntry> ReadAsync(string chainId, long fromSequence, long toSequence, CancellationToken cancellationToken = default);

    /// <summary>Reads the periodic checkpoints with <paramref name="fromSequence"/> ≤ sequence ≤ <paramref name="toSequence"/>, ordered by sequence.</summary>
    /// <param name="chainId">The chain.</param>
    /// <param name="fromSequence">The first sequence, inclusive.</param>
    /// <param name="toSequence">The last sequence, inclusive.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    IAsyncEnumerable<AuditCheckpoint> ReadCheckpointsAsync(string chainId, long fromSequence, long toSequence, CancellationToken cancellationToken = default);

    /// <summary>Reads the entries matching <paramref name="query"/>, ordered by sequence, at most <see cref="AuditQuery.Limit"/>.</summary>
    /// <param name="chainId">The chain.</param>
    /// <param name="query">The filter.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    IAsyncEnumerable<AuditEntry> QueryAsync(string chainId, AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>The highest stored entry sequence of the chain, or 0 when it has none.</summary>
    /// <param name="chainId">The chain.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<long> GetLastSequenceAsync(string chainId, CancellationToken cancellationToken = default);
}
