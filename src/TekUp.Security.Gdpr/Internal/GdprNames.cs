namespace TekUp.Security.Gdpr.Internal;

/// <summary>Validation of the identifiers the module stores (tenant ids, categories, purposes, reason codes).</summary>
internal static class GdprNames
{
    public const int MaxSubjectIdLength = 256;

    /// <summary>1-64 ASCII letters, digits, '.', '-' or '_' (the Core identifier rule).</summary>
    public static bool IsValidName(string? value) =>
        TekUp.Security.Tenants.Tenant.IsValidId(value);

    public static void CheckTenant(string tenantId, string paramName = "tenantId")
    {
        ArgumentNullException.ThrowIfNull(tenantId, paramName);
        if (!IsValidName(tenantId))
        {
            throw new ArgumentException("The tenant id must be 1-64 letters, digits, '.', '-' or '_'.", paramName);
        }
    }

    public static void CheckSubject(string subjectId, string paramName = "subjectId")
    {
        ArgumentNullException.ThrowIfNull(subjectId, paramName);
        if (subjectId.Length is 0 or > MaxSubjectIdLength || string.IsNullOrWhiteSpace(subjectId))
        {
            throw new ArgumentException($"The subject id must be 1-{MaxSubjectIdLength} characters, not only white space.", paramName);
        }
    }

    public static void CheckCode(string value, string what, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (!IsValidName(value))
        {
            throw new ArgumentException($"The {what} must be 1-64 letters, digits, '.', '-' or '_'.", paramName);
        }
    }
}
