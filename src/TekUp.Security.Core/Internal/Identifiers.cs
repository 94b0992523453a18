namespace TekUp.Security.Internal;

/// <summary>Validation of the identifiers the SDK stores and binds into cryptographic contexts.</summary>
internal static class Identifiers
{
    public const int MaxLength = 64;

    /// <summary>1-64 ASCII letters, digits, '.', '-' or '_'.</summary>
    public static bool IsValidName(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
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
