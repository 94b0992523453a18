namespace TekUp.Security.Auditing;

/// <summary>
/// What the audit trail hands an <see cref="IAuditStore"/> in one transaction: consecutive entries, the periodic
/// checkpoints among them and the new head.
/// </summary>
public sealed class AuditBatch
{
    /// <summary>Creates a batch.</summary>
    /// <param name="chainId">The chain.</param>
    /// <param name="entries">At least one entry; consecutive sequence numbers, each chained onto the one before, all of <paramref name="chainId"/>.</param>
    /// <param name="checkpoints">Periodic checkpoints covering entries of this batch.</param>
    /// <param name="head">The head checkpoint for the last entry.</param>
    /// <exception cref="ArgumentException">The entries are not consecutive entries of the chain, or a checkpoint does not cover one of them.</exception>
    public AuditBatch(string chainId, IReadOnlyList<AuditEntry> entries, IReadOnlyList<AuditCheckpoint> checkpoints, AuditCheckpoint head)
    {
        ArgumentException.ThrowIfNullOrEmpty(chainId);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(checkpoints);
        ArgumentNullException.ThrowIfNull(head);
        if (entries.Count == 0)
        {
            throw new ArgumentException("An audit batch holds at least one entry.", nameof(entries));
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Sequence != entries[0].Sequence + i || entry.Sequence < 1 || !string.Equals(entry.ChainId, chainId, StringComparison.Ordinal)
                || (i > 0 && !string.Equals(entry.PreviousHash, entries[i - 1].Hash, StringComparison.Ordinal)))
            {
                throw new ArgumentException("An audit batch holds consecutive entries of one chain, each chained onto the one before.", nameof(entries));
            }
        }

        var last = entries[^1];
        if (head.Kind != AuditCheckpointKind.Head || head.Sequence != last.Sequence || !string.Equals(head.Hash, last.Hash, StringComparison.Ordinal)
            || !string.Equals(head.ChainId, chainId, StringComparison.Ordinal))
        {
            throw new ArgumentException("An audit batch's head covers its last entry.", nameof(head));
        }

        foreach (var checkpoint in checkpoints)
        {
            var offset = checkpoint.Sequence - entries[0].Sequence;
            if (checkpoint.Kind != AuditCheckpointKind.Periodic || offset < 0 || offset >= entries.Count
                || !string.Equals(checkpoint.Hash, entries[(int)offset].Hash, StringComparison.Ordinal))
            {
                throw new ArgumentException("An audit batch's periodic checkpoints cover entries of the batch.", nameof(checkpoints));
            }
        }

        ChainId = chainId;
        Entries = entries;
        Checkpoints = checkpoints;
        Head = head;
    }

    /// <summary>The chain.</summary>
    public string ChainId { get; }

    /// <summary>The entries, in sequence order.</summary>
    public IReadOnlyList<AuditEntry> Entries { get; }

    /// <summary>The periodic checkpoints among the entries (often none).</summary>
    public IReadOnlyList<AuditCheckpoint> Checkpoints { get; }

    /// <summary>The new head: covers the last entry.</summary>
    public AuditCheckpoint Head { get; }

    /// <summary>The sequence number of the first entry.</summary>
    public long FirstSequence => Entries[0].Sequence;

    /// <summary>The hash the first entry chains onto: the stored head's hash (64 zeros for a new chain).</summary>
    public string PreviousHash => Entries[0].PreviousHash;
}
