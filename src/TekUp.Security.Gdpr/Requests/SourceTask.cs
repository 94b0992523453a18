namespace TekUp.Security.Gdpr;

/// <summary>One personal-data source's part of a request. Contains counts, codes and hashes, never personal data.</summary>
public sealed record SourceTask
{
    /// <summary>The source's category.</summary>
    public required string Category { get; init; }

    /// <summary>The state.</summary>
    public SourceTaskStatus Status { get; init; } = SourceTaskStatus.Pending;

    /// <summary>How many times the source was run for this request.</summary>
    public int Attempts { get; init; }

    /// <summary>The last failure: the exception type and a reason code (never the message, which may hold personal data).</summary>
    public string? Error { get; init; }

    /// <summary>When the source last finished (successfully or not).</summary>
    public DateTimeOffset? LastAttemptAt { get; init; }

    /// <summary>How many records the source collected, rectified, erased or restricted.</summary>
    public int RecordCount { get; init; }

    /// <summary>Erasure: the SHA-256 (hex) over the ids of the erased records, bound to the request (see the erasure record).</summary>
    public string? ErasedRecordsHash { get; init; }

    /// <summary>Erasure: what the source's retention rule kept, or <see langword="null"/>.</summary>
    public RetainedData? Retention { get; init; }

    /// <summary>Whether the task is finished without failure.</summary>
    public bool IsDone => Status is SourceTaskStatus.Completed or SourceTaskStatus.NoDataFound or SourceTaskStatus.Retained;
}
