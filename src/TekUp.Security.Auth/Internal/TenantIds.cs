namespace TekUp.Security.Auth;

/// <summary>The tenant id rule of Core (1-64 ASCII letters, digits, '.', '-', '_'), for ids read from untrusted input.</summary>
internal static class TenantIds
{
    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 64)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
