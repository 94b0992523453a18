namespace TekUp.Security.Gdpr;

/// <summary>The outcome of an export download: the verified bundle, or why it was refused.</summary>
public sealed class ExportDownloadResult
{
    private ExportDownloadResult(Guid exportId, byte[]? bundle, ExportDownloadError? error)
    {
        ExportId = exportId;
        Bundle = bundle;
        Error = error;
    }

    /// <summary>Whether the bundle is returned.</summary>
    public bool Succeeded => Error is null;

    /// <summary>Why it was refused.</summary>
    public ExportDownloadError? Error { get; }

    /// <summary>The export id the link named (<see cref="Guid.Empty"/> when the link could not be read).</summary>
    public Guid ExportId { get; }

#pragma warning disable CA1819 // The bundle is handed to the caller to stream out.
    /// <summary>The bundle (a ZIP with <c>manifest.json</c>), its digests verified.</summary>
    public byte[]? Bundle { get; }
#pragma warning restore CA1819

    /// <summary>Media type of <see cref="Bundle"/>.</summary>
    public static string MediaType => "application/zip";

    internal static ExportDownloadResult Success(Guid exportId, byte[] bundle) => new(exportId, bundle, null);

    internal static ExportDownloadResult Refused(ExportDownloadError error, Guid exportId = default) => new(exportId, null, error);
}
