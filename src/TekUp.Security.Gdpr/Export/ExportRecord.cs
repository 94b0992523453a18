namespace TekUp.Security.Gdpr;

/// <summary>An export bundle at rest: encrypted with the tenant's personal-data key, with the manifest's digest in clear.</summary>
public sealed record ExportRecord
{
    /// <summary>The export id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The tenant.</summary>
    public required string TenantId { get; init; }

    /// <summary>The access or portability request it answers.</summary>
    public required Guid RequestId { get; init; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it expires: links are refused and the export may be deleted after this.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>SHA-256 (lower-case hex) of the bundle's <c>manifest.json</c>.</summary>
    public required string ManifestSha256 { get; init; }

#pragma warning disable CA1819 // The encrypted blob is handed to the store as is.
    /// <summary>The bundle (a ZIP), encrypted with <c>IEncryptionService</c> under the tenant's personal-data key.</summary>
    public required byte[] Ciphertext { get; init; }
#pragma warning restore CA1819
}
