namespace TekUp.Security.Gdpr;

/// <summary>
/// Access and portability exports (Art. 15, 20): created by processing a request, stored encrypted at rest, downloaded
/// through a signed link that expires (7 days by default). A thread-safe singleton.
/// </summary>
public interface IExportService
{
    /// <summary>Creates a signed download link for an export; it expires with the export (at most <see cref="GdprOptions.ExportLinkLifetime"/> after creation).</summary>
    /// <returns>The link, or <see langword="null"/> when the export does not exist or has expired.</returns>
    Task<ExportLink?> CreateLinkAsync(string tenantId, Guid exportId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks the link (signature, tenant, expiry), decrypts the bundle and recomputes its digests; refuses an altered or
    /// expired link and a tampered bundle. Downloads are audited and published as <c>DataExported</c> security events.
    /// </summary>
    Task<ExportDownloadResult> DownloadAsync(string tenantId, string token, CancellationToken cancellationToken = default);

    /// <summary>Deletes expired exports; returns how many.</summary>
    Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default);
}
