using Microsoft.Extensions.Options;

namespace TekUp.Security.Gdpr.Internal;

internal sealed class GdprOptionsValidator : IValidateOptions<GdprOptions>
{
    public ValidateOptionsResult Validate(string? name, GdprOptions options)
    {
        var failures = new List<string>();
        if (!Deadlines.TryFindZone(options.TimeZoneId, out _))
        {
            failures.Add($"{nameof(GdprOptions.TimeZoneId)} must name a time zone known to this host (for example 'Europe/Copenhagen').");
        }

        if (options.ExportLinkLifetime < TimeSpan.FromMinutes(1) || options.ExportLinkLifetime > TimeSpan.FromDays(7))
        {
            failures.Add($"{nameof(GdprOptions.ExportLinkLifetime)} must be between 1 minute and 7 days.");
        }

        if (options.MaxExportBytes < 1024 * 1024 || options.MaxExportBytes > 1024L * 1024 * 1024)
        {
            failures.Add($"{nameof(GdprOptions.MaxExportBytes)} must be between 1 MiB and 1 GiB.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
