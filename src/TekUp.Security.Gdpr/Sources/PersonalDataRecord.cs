namespace TekUp.Security.Gdpr;

/// <summary>One record of a subject's personal data as a source returns it.</summary>
public sealed record PersonalDataRecord
{
    /// <summary>The record's id within its category (for example an invoice number). Required, non-empty.</summary>
    public required string Id { get; init; }

    /// <summary>
    /// The date the record belongs to, from which a retention period runs (for an invoice: its invoice date). Required
    /// when the source declares a <see cref="RetentionRule"/>; ignored otherwise.
    /// </summary>
    public DateTimeOffset? RecordDate { get; init; }

    /// <summary>The record's fields as text, in a stable order. The export writes them as they are.</summary>
    public required IReadOnlyDictionary<string, string?> Fields { get; init; }
}
