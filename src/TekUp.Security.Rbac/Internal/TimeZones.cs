using System.Diagnostics.CodeAnalysis;

namespace TekUp.Security.Rbac.Internal;

internal static class TimeZones
{
    /// <summary>Resolves a time zone id (IANA, or Windows on Windows hosts) without throwing.</summary>
    public static bool TryFind(string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
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
