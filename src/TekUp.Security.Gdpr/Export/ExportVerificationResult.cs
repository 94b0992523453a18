namespace TekUp.Security.Gdpr;

/// <summary>The result of recomputing an export bundle's digests.</summary>
public sealed class ExportVerificationResult
{
    internal ExportVerificationResult(IReadOnlyList<string> failures, int fileCount)
    {
        Failures = failures;
        FileCount = fileCount;
    }

    /// <summary>Whether every file's SHA-256 matches the manifest, no file is missing or extra, and the manifest matches the expected digest when one was given.</summary>
    public bool IsValid => Failures.Count == 0;

    /// <summary>What did not match (file names and rules, no content).</summary>
    public IReadOnlyList<string> Failures { get; }

    /// <summary>How many files the manifest lists.</summary>
    public int FileCount { get; }
}
