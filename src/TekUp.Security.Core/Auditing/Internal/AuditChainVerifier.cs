using System.Security.Cryptography;
using System.Text;

namespace TekUp.Security.Auditing.Internal;

/// <summary>
/// Walks a chain in sequence order: entries (whose hash it recomputes), links (hash-only stand-ins in an export) and
/// checkpoints (whose signature, hash and previous-checkpoint link it checks). Stops at the first failure. Shared by
/// <see cref="IAuditTrail.VerifyAsync"/> and the offline <see cref="AuditExportVerifier"/>.
/// </summary>
internal sealed class AuditChainVerifier(string chainId, IAuditKeyProvider keys)
{
    private readonly AuditCanonicalForm _canonical = new();
    private string _lastHash = AuditCanonicalForm.GenesisHash;
    private long _lastSequence;
    private long _lastPeriodic;
    private long _lastAnchored;
    private long _entries;
    private long _checkpoints;

    public AuditVerificationResult? Failure { get; private set; }

    /// <summary>The last sequence walked (0 before the first).</summary>
    public long LastSequence => _lastSequence;

    /// <summary>The last sequence covered by a verified checkpoint or the start anchor.</summary>
    public long LastAnchored => _lastAnchored;

    public long Entries => _entries;

    public long Checkpoints => _checkpoints;

    /// <summary>Starts after a periodic checkpoint instead of at the first entry.</summary>
    public bool StartAfter(AuditCheckpoint anchor)
    {
        if (!CheckSignature(anchor, anchor.Sequence))
        {
            return false;
        }

        _lastSequence = anchor.Sequence;
        _lastHash = anchor.Hash;
        _lastPeriodic = anchor.Kind == AuditCheckpointKind.Periodic ? anchor.Sequence : anchor.PreviousCheckpointSequence;
        _lastAnchored = anchor.Sequence;
        _checkpoints++;
        return true;
    }

    public bool AddEntry(AuditEntry entry)
    {
        if (!string.Equals(entry.ChainId, chainId, StringComparison.Ordinal))
        {
            return Fail(AuditVerificationFailure.MalformedEntry, entry.Sequence, "The entry belongs to another chain.");
        }

        if (!CheckPosition(entry.Sequence, entry.PreviousHash))
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[AuditCanonicalForm.HashSize];
        try
        {
            if (!_canonical.TryHashEntry(entry, hash))
            {
                return Fail(AuditVerificationFailure.MalformedEntry, entry.Sequence, "The previous hash is not 64 lower-case hex digits.");
            }
        }
        catch (EncoderFallbackException)
        {
            return Fail(AuditVerificationFailure.MalformedEntry, entry.Sequence, "A text field is not well-formed UTF-16.");
        }

        if (!string.Equals(Convert.ToHexStringLower(hash), entry.Hash, StringComparison.Ordinal))
        {
            return Fail(AuditVerificationFailure.HashMismatch, entry.Sequence, $"Entry {entry.Sequence} does not hash to its stored hash: a field was changed.");
        }

        _lastSequence = entry.Sequence;
        _lastHash = entry.Hash;
        _entries++;
        return true;
    }

    /// <summary>A stand-in for an entry left out of an export: its content hash; the entry hash is recomputed from it.</summary>
    public bool AddLink(long sequence, string contentHash, string previousHash, string hash)
    {
        if (!CheckPosition(sequence, previousHash))
        {
            return false;
        }

        Span<byte> content = stackalloc byte[AuditCanonicalForm.HashSize];
        Span<byte> previous = stackalloc byte[AuditCanonicalForm.HashSize];
        Span<byte> computed = stackalloc byte[AuditCanonicalForm.HashSize];
        if (!AuditCanonicalForm.TryParseHash(contentHash, content) || !AuditCanonicalForm.TryParseHash(previousHash, previous))
        {
            return Fail(AuditVerificationFailure.MalformedEntry, sequence, "A link's hashes are not 64 lower-case hex digits.");
        }

        AuditCanonicalForm.ChainHash(sequence, content, previous, computed);
        if (!string.Equals(Convert.ToHexStringLower(computed), hash, StringComparison.Ordinal))
        {
            return Fail(AuditVerificationFailure.HashMismatch, sequence, $"Link {sequence} does not hash to its stated hash: it was changed.");
        }

        _lastSequence = sequence;
        _lastHash = hash;
        return true;
    }

    /// <summary>A checkpoint (periodic or head) covering the entry walked last.</summary>
    public bool AddCheckpoint(AuditCheckpoint checkpoint)
    {
        if (checkpoint.Sequence > _lastSequence)
        {
            return Fail(AuditVerificationFailure.MissingTail, _lastSequence + 1,
                $"A signed {Describe(checkpoint)} covers sequence {checkpoint.Sequence}, but the chain ends at {_lastSequence}: entries were deleted.");
        }

        if (checkpoint.Sequence < _lastSequence)
        {
            return Fail(AuditVerificationFailure.CheckpointMismatch, checkpoint.Sequence, $"The {Describe(checkpoint)} at {checkpoint.Sequence} is out of order.");
        }

        if (!CheckSignature(checkpoint, _lastAnchored + 1))
        {
            return false;
        }

        if (!string.Equals(checkpoint.Hash, _lastHash, StringComparison.Ordinal))
        {
            return Fail(AuditVerificationFailure.CheckpointMismatch, _lastAnchored + 1,
                $"The signed {Describe(checkpoint)} at {checkpoint.Sequence} names another hash: entries after {_lastAnchored} were rewritten.");
        }

        if (checkpoint.PreviousCheckpointSequence != _lastPeriodic)
        {
            return Fail(AuditVerificationFailure.CheckpointMismatch, Math.Max(checkpoint.PreviousCheckpointSequence, _lastPeriodic),
                $"The signed {Describe(checkpoint)} at {checkpoint.Sequence} follows checkpoint {checkpoint.PreviousCheckpointSequence}, but the last one found is {_lastPeriodic}: a checkpoint was deleted or added.");
        }

        if (checkpoint.Kind == AuditCheckpointKind.Periodic)
        {
            _lastPeriodic = checkpoint.Sequence;
        }

        _lastAnchored = checkpoint.Sequence;
        _checkpoints++;
        return true;
    }

    /// <summary>Records a failure found by the caller (missing head, malformed line...).</summary>
    public bool Fail(AuditVerificationFailure failure, long? firstBroken, string detail)
    {
        Failure ??= Result(failure, firstBroken, detail);
        return false;
    }

    public AuditVerificationResult Result() => Failure ?? Result(AuditVerificationFailure.None, null, null);

    private AuditVerificationResult Result(AuditVerificationFailure failure, long? firstBroken, string? detail) => new()
    {
        Failure = failure,
        FirstBrokenSequence = firstBroken,
        Detail = detail,
        ChainId = chainId,
        EntriesVerified = _entries,
        CheckpointsVerified = _checkpoints,
        LastSequence = _lastSequence,
    };

    private bool CheckPosition(long sequence, string previousHash)
    {
        if (sequence != _lastSequence + 1)
        {
            return Fail(AuditVerificationFailure.SequenceGap, _lastSequence + 1,
                sequence > _lastSequence + 1
                    ? $"Sequence {_lastSequence + 1} is missing (found {sequence} after {_lastSequence})."
                    : $"Sequence {sequence} appears after {_lastSequence}: entries were reordered or duplicated.");
        }

        return string.Equals(previousHash, _lastHash, StringComparison.Ordinal)
            || Fail(AuditVerificationFailure.BrokenLink, sequence, $"Entry {sequence} does not chain onto entry {_lastSequence}: an entry was replaced or reordered.");
    }

    private bool CheckSignature(AuditCheckpoint checkpoint, long firstBroken)
    {
        if (!string.Equals(checkpoint.ChainId, chainId, StringComparison.Ordinal))
        {
            return Fail(AuditVerificationFailure.CheckpointMismatch, checkpoint.Sequence, $"The {Describe(checkpoint)} at {checkpoint.Sequence} belongs to another chain.");
        }

        if (!string.Equals(checkpoint.Algorithm, AuditCanonicalForm.Algorithm, StringComparison.Ordinal))
        {
            return Fail(AuditVerificationFailure.UnsupportedAlgorithm, checkpoint.Sequence, $"The {Describe(checkpoint)} at {checkpoint.Sequence} names an unsupported hash algorithm.");
        }

        Span<byte> hash = stackalloc byte[AuditCanonicalForm.HashSize];
        Span<byte> signature = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (!AuditCanonicalForm.TryParseHash(checkpoint.Hash, hash) || !AuditCanonicalForm.TryParseHash(checkpoint.Signature, signature)
            || !Enum.IsDefined(checkpoint.Kind) || checkpoint.KeyId is null)
        {
            return Fail(AuditVerificationFailure.BadSignature, firstBroken, $"The {Describe(checkpoint)} at {checkpoint.Sequence} is malformed.");
        }

        var data = _canonical.Checkpoint(checkpoint.Kind, checkpoint.ChainId, checkpoint.Sequence, hash, checkpoint.PreviousCheckpointSequence,
            checkpoint.Timestamp.ToUnixTimeMilliseconds(), checkpoint.Algorithm);
        if (keys.Verify(checkpoint.KeyId, data, signature))
        {
            return true;
        }

        return keys is IAuditKeyDirectory directory && !directory.ContainsSigningKey(checkpoint.KeyId)
            ? Fail(AuditVerificationFailure.UnknownKey, firstBroken, $"The {Describe(checkpoint)} at {checkpoint.Sequence} is signed with key '{checkpoint.KeyId}', which the key provider does not hold.")
            : Fail(AuditVerificationFailure.BadSignature, firstBroken, $"The signature of the {Describe(checkpoint)} at {checkpoint.Sequence} does not verify with key '{checkpoint.KeyId}' (forged or changed, or the key is unknown).");
    }

    private static string Describe(AuditCheckpoint checkpoint) =>
        checkpoint.Kind == AuditCheckpointKind.Head ? "head" : "checkpoint";
}
