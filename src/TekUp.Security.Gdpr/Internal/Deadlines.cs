using System.Diagnostics.CodeAnalysis;

namespace TekUp.Security.Gdpr.Internal;

/// <summary>
/// Calendar-month deadlines (Art. 12(3), counted as in Regulation 1182/71 art. 3(2)(c)): a period of n months from a
/// day ends at the end of the day with the same date n months later, or, when that month is shorter, at the end of its
/// last day. Dates are the local dates of the configured time zone; the deadline is the start of the next local day.
/// </summary>
internal static class Deadlines
{
    public static DateTimeOffset AddCalendarMonths(DateTimeOffset from, int months, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(from, zone);
        var lastDay = DateOnly.FromDateTime(local.DateTime).AddMonths(months); // AddMonths clamps 31 Jan + 1 to 28/29 Feb.
        var endLocal = lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(endLocal, zone.GetUtcOffset(endLocal)).ToUniversalTime();
    }

    public static bool TryFindZone(string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64)
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
    }
}
