namespace TekUp.Security.Auditing;

/// <summary>The part of the chain to verify: entries <see cref="FromSequence"/> to <see cref="ToSequence"/>, inclusive.</summary>
/// <remarks>
/// Verification extends the range outwards to the nearest signed checkpoints (the periodic checkpoint before it and
/// the checkpoint or head after it), because only a signature anchors a hash; a break found there is reported too.
/// </remarks>
public sealed record AuditVerificationRange
{
    /// <summary>Creates a range.</summary>
    /// <param name="fromSequence">The first sequence to verify, at least 1.</param>
    /// <param name="toSequence">The last sequence to verify, or <see langword="null"/> for the chain's end.</param>
    public AuditVerificationRange(long fromSequence, long? toSequence = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fromSequence, 1);
        if (toSequence is { } to)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(to, fromSequence, nameof(toSequence));
        }

        FromSequence = fromSequence;
        ToSequence = toSequence;
    }

    /// <summary>The first sequence to verify.</summary>
    public long FromSequence { get; }

    /// <summary>The last sequence to verify, or <see langword="null"/> for the chain's end.</summary>
    public long? ToSequence { get; }
}
