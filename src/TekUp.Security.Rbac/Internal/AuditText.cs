using System.Text;

namespace TekUp.Security.Rbac.Internal;

/// <summary>
/// Fits values into the audit trail's field rules (no control characters, bounded lengths), so that a check never
/// fails because a host passed an odd resource or action name: the value is clipped and marked, not rejected.
/// </summary>
internal static class AuditText
{
    public const int MaxActor = 128;
    public const int MaxResource = 256;
    public const int MaxValue = 1024;

    public static string Clip(string value, int maxLength)
    {
        var clean = true;
        foreach (var c in value)
        {
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                clean = false;
                break;
            }
        }

        if (clean && value.Length <= maxLength)
        {
            return value;
        }

        var builder = new StringBuilder(Math.Min(value.Length, maxLength));
        foreach (var c in value)
        {
            if (builder.Length == maxLength - 1)
            {
                builder.Append('…');
                break;
            }

            builder.Append(char.IsControl(c) || char.IsSurrogate(c) ? '?' : c);
        }

        return builder.ToString();
    }

    /// <summary>An actor field: clipped, or <paramref name="fallback"/> when empty.</summary>
    public static string? Actor(string? value, string? fallback = null) =>
        string.IsNullOrEmpty(value) ? fallback : Clip(value, MaxActor);

    /// <summary>The tenant id when it is a valid one, else <see langword="null"/> (the trail accepts only valid ids).</summary>
    public static string? Tenant(string tenantId) => RbacNames.IsValidTenantId(tenantId) ? tenantId : null;
}
