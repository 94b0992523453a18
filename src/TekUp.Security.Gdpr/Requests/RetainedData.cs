namespace TekUp.Security.Gdpr;

/// <summary>What an erasure kept in one category, why, and until when. Contains no personal data.</summary>
public sealed record RetainedData
{
    /// <summary>The category.</summary>
    public required string Category { get; init; }

    /// <summary>How many records were kept.</summary>
    public required int RecordCount { get; init; }

    /// <summary>The legal basis (from the source's <see cref="RetentionRule"/>).</summary>
    public required string LegalBasis { get; init; }

    /// <summary>The Art. 17(3) ground.</summary>
    public required ErasureExemption Ground { get; init; }

    /// <summary>How the period is computed, in words.</summary>
    public required string PeriodDescription { get; init; }

    /// <summary>When the last kept record's retention ends; a purge after this erases it.</summary>
    public required DateTimeOffset RetainedUntil { get; init; }

    /// <summary>When the first kept record's retention ends (the next purge that has work for this category).</summary>
    public required DateTimeOffset NextPurgeAt { get; init; }

    /// <summary>The Art. 17(3) reference of <see cref="Ground"/>, for example <c>Art. 17(3)(b)</c>.</summary>
    public string GroundReference => RetentionRule.ReferenceOf(Ground);
}
