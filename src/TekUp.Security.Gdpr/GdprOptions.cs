namespace TekUp.Security.Gdpr;

/// <summary>Options of the Gdpr module, bound from <c>TekUp:Security:Gdpr</c>.</summary>
public sealed class GdprOptions
{
    /// <summary>The configuration section under <c>TekUp:Security</c>.</summary>
    public const string SectionName = "Gdpr";

    /// <summary>
    /// The time zone whose calendar dates deadlines are counted in (IANA id, or Windows id on Windows hosts). A request
    /// received on 31 January (local date) is due at the end of the last day of February. Default <c>Europe/Copenhagen</c>.
    /// </summary>
    public string TimeZoneId { get; set; } = "Europe/Copenhagen";

    /// <summary>How long an export's signed download link is valid, and the export kept. Between 1 minute and 7 days; default 7 days.</summary>
    public TimeSpan ExportLinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Whether a completed erasure destroys the subject's key (crypto-shredding, see <see cref="ISubjectKeyService"/>).
    /// The key is destroyed only when nothing of the subject is kept under retention; otherwise the purge that erases
    /// the last retained record destroys it. Default <see langword="true"/>.
    /// </summary>
    public bool ShredSubjectKeyOnErasure { get; set; } = true;

    /// <summary>The largest export bundle accepted, in bytes. Between 1 MiB and 1 GiB; default 64 MiB.</summary>
    public long MaxExportBytes { get; set; } = 64L * 1024 * 1024;
}
