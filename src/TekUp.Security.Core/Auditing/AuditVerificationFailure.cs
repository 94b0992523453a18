namespace TekUp.Security.Auditing;

/// <summary>Why audit verification failed.</summary>
public enum AuditVerificationFailure
{
    /// <summary>Nothing failed.</summary>
    None = 0,

    /// <summary>An entry's content does not hash to its stored hash: a field was changed.</summary>
    HashMismatch = 1,

    /// <summary>An entry's previous hash is not the hash of the entry before it: an entry was replaced or reordered.</summary>
    BrokenLink = 2,

    /// <summary>A sequence number is missing or out of order: an entry was deleted or moved.</summary>
    SequenceGap = 3,

    /// <summary>Entries covered by a signed checkpoint or by the head are missing at the end: the tail was deleted.</summary>
    MissingTail = 4,

    /// <summary>The chain has entries but no head: the head record was deleted.</summary>
    MissingHead = 5,

    /// <summary>Entries exist after the signed head: they were added behind the trail's back.</summary>
    UnanchoredEntries = 6,

    /// <summary>A checkpoint's signature does not verify: the checkpoint was forged or changed.</summary>
    BadSignature = 7,

    /// <summary>A checkpoint is signed with a key the key provider does not hold.</summary>
    UnknownKey = 8,

    /// <summary>A correctly signed checkpoint names a hash that differs from the entry's, or links to a missing checkpoint.</summary>
    CheckpointMismatch = 9,

    /// <summary>A checkpoint names a hash algorithm this version does not know.</summary>
    UnsupportedAlgorithm = 10,

    /// <summary>A stored entry (or export line) cannot be read: a column holds a value the trail never writes.</summary>
    MalformedEntry = 11,

    /// <summary>An export is not a well-formed TekUp audit export (header, line types, end anchor).</summary>
    MalformedExport = 12,
}
