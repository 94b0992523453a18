namespace TekUp.Security.Auditing;

/// <summary>
/// A signed statement "the chain's entry <see cref="Sequence"/> has hash <see cref="Hash"/>". Periodic checkpoints
/// are kept for ever; the head is replaced with every stored batch, so deleting entries after the last periodic
/// checkpoint is detected too. Checkpoints link to the previous periodic checkpoint, so deleting one is detected.
/// </summary>
public sealed record AuditCheckpoint
{
    /// <summary>The chain.</summary>
    public required string ChainId { get; init; }

    /// <summary>Periodic checkpoint or the chain's head.</summary>
    public required AuditCheckpointKind Kind { get; init; }

    /// <summary>The sequence number of the entry the checkpoint covers.</summary>
    public required long Sequence { get; init; }

    /// <summary>The hash of the entry at <see cref="Sequence"/>, lower-case hex.</summary>
    public required string Hash { get; init; }

    /// <summary>The sequence of the previous periodic checkpoint, or 0 when there is none.</summary>
    public required long PreviousCheckpointSequence { get; init; }

    /// <summary>When the checkpoint was signed (UTC, millisecond precision).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The entry hash algorithm, <c>SHA-256</c>.</summary>
    public required string Algorithm { get; init; }

    /// <summary>The id of the key that signed the checkpoint, so keys can rotate.</summary>
    public required string KeyId { get; init; }

    /// <summary>HMAC-SHA256 of the checkpoint's canonical byte form, lower-case hex.</summary>
    public required string Signature { get; init; }
}

/// <summary>The kind of an <see cref="AuditCheckpoint"/>.</summary>
public enum AuditCheckpointKind
{
    /// <summary>Written every <see cref="AuditTrailOptions.CheckpointInterval"/> entries and kept.</summary>
    Periodic = 1,

    /// <summary>The chain's latest entry; rewritten with every stored batch.</summary>
    Head = 2,
}
