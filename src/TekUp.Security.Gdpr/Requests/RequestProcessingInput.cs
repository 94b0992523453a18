namespace TekUp.Security.Gdpr;

/// <summary>What processing a request needs beyond the request itself. Not stored: pass it again to a retry.</summary>
public sealed record RequestProcessingInput
{
    /// <summary>Rectification: field name to corrected value (required for rectification; personal data, so never stored).</summary>
    public IReadOnlyDictionary<string, string?>? Corrections { get; init; }

    /// <summary>Who processes the request, for the audit trail.</summary>
    public string? Actor { get; init; }
}
