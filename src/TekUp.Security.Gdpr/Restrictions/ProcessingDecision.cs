namespace TekUp.Security.Gdpr;

/// <summary>Whether a subject's data may be processed for a purpose, and if not, what stops it.</summary>
public sealed class ProcessingDecision
{
    /// <summary>The decision when nothing limits processing.</summary>
    public static ProcessingDecision Allowed { get; } = new(null);

    private ProcessingDecision(ProcessingLimit? limit) => Limit = limit;

    /// <summary>Whether processing is allowed.</summary>
    public bool IsAllowed => Limit is null;

    /// <summary>The restriction or objection that stops processing, when one does.</summary>
    public ProcessingLimit? Limit { get; }

    /// <summary>A refusal because of <paramref name="limit"/>.</summary>
    /// <param name="limit">The restriction or objection.</param>
    public static ProcessingDecision Denied(ProcessingLimit limit) => new(limit ?? throw new ArgumentNullException(nameof(limit)));
}
