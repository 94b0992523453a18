namespace TekUp.Security.Auth;

/// <summary>
/// Core's name rule (1-64 ASCII letters, digits, '.', '-', '_'), for tenant ids read from untrusted input (a token's
/// kid) and for reason codes, which the audit trail requires in that form. Checked before anything is written, so a
/// bad reason cannot leave a revocation stored without its audit entry.
/// </summary>
internal static class Names
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

    public static void ThrowIfInvalidReason(string reason, string parameterName)
    {
        if (!IsValid(reason))
        {
            throw new ArgumentException("A reason is a code of 1-64 ASCII letters, digits, '.', '-' or '_' (for example 'leaked').", parameterName);
        }
    }
}
