namespace TekUp.Security.Gdpr;

/// <summary>Why an export download was refused.</summary>
public enum ExportDownloadError
{
    /// <summary>The token is malformed, altered, or signed for another tenant.</summary>
    InvalidLink = 1,

    /// <summary>The link has expired.</summary>
    Expired = 2,

    /// <summary>The export no longer exists.</summary>
    NotFound = 3,

    /// <summary>The stored bundle does not decrypt or its digests do not match its manifest: it was tampered with.</summary>
    Tampered = 4,
}
