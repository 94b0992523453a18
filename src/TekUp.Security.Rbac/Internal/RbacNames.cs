namespace TekUp.Security.Rbac.Internal;

/// <summary>The syntax of the names the Rbac module stores: role ids, resources, actions, tenant and subject ids.</summary>
internal static class RbacNames
{
    public const int MaxRoleIdLength = 64;
    public const int MaxResourceLength = 128;
    public const int MaxActionLength = 64;
    public const int MaxTenantIdLength = 64;
    public const int MaxSubjectIdLength = 256;

    /// <summary>1-64 lower-case ASCII letters, digits, '.', '-' or '_'.</summary>
    public static bool IsValidRoleId(string? value) => IsLowerName(value, MaxRoleIdLength, allowPathCharacters: false);

    /// <summary><c>*</c>, or 1-128 lower-case ASCII letters, digits, '.', '-', '_', ':' or '/'.</summary>
    public static bool IsValidResource(string? value) =>
        value == Permission.Wildcard || IsLowerName(value, MaxResourceLength, allowPathCharacters: true);

    /// <summary><c>*</c>, or 1-64 lower-case ASCII letters, digits, '.', '-' or '_'.</summary>
    public static bool IsValidAction(string? value) =>
        value == Permission.Wildcard || IsLowerName(value, MaxActionLength, allowPathCharacters: false);

    /// <summary>The tenant id syntax of Core: 1-64 ASCII letters, digits, '.', '-' or '_'.</summary>
    public static bool IsValidTenantId(string? value) =>
        TekUp.Security.Tenants.Tenant.IsValidId(value);

    /// <summary>1-256 characters, not only white space, without control characters.</summary>
    public static bool IsValidSubjectId(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxSubjectIdLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLowerName(string? value, int maxLength, bool allowPathCharacters)
    {
        if (string.IsNullOrEmpty(value) || value.Length > maxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            var ok = char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-' or '_'
                || (allowPathCharacters && c is ':' or '/');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
