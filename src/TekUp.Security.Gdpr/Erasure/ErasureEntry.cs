namespace TekUp.Security.Gdpr;

/// <summary>What one source erased at one time. No personal data: the record ids appear only inside a hash.</summary>
public sealed record ErasureEntry
{
    /// <summary>The category.</summary>
    public required string Category { get; init; }

    /// <summary>When the records were erased.</summary>
    public required DateTimeOffset ErasedAt { get; init; }

    /// <summary>How many records were erased.</summary>
    public required int RecordCount { get; init; }

    /// <summary>
    /// SHA-256 (lower-case hex) over the tenant, request id, category and the sorted ids of the erased records
    /// (see docs/gdpr.md); lets a controller who still holds an id list show which records an erasure covered.
    /// </summary>
    public required string RecordIdsHash { get; init; }
}
