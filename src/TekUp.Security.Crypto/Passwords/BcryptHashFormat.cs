using System.Globalization;

namespace TekUp.Security.Cryptography.Internal;

/// <summary>
/// The stored form of a password hash:
/// <c>$tekup-bcrypt$v=1$pre=sha384$c=NN$</c> followed by the 60-character bcrypt hash (<c>$2a$NN$</c> + 22 salt
/// characters + 31 hash characters, bcrypt's own base64 alphabet). The outer cost repeats the inner one so that the
/// parameters can be read without parsing bcrypt's string, and both must agree.
/// </summary>
internal static class BcryptHashFormat
{
    public const string Prefix = "$tekup-bcrypt$v=1$pre=sha384$c=";
    public const int MinimumCost = 10;
    public const int MaximumCost = 31;

    private const int BcryptHashLength = 60;
    private const int Length = 31 + 2 + 1 + BcryptHashLength;

    public static string Format(int cost, string bcryptHash) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{cost:D2}${bcryptHash}");

    /// <summary>Reads a stored hash; false for anything that is not exactly this format.</summary>
    public static bool TryParse(string value, out int cost, out string bcryptHash)
    {
        cost = 0;
        bcryptHash = string.Empty;
        if (value.Length != Length || !value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = value.AsSpan(Prefix.Length);
        if (!TryParseCost(rest[..2], out cost) || rest[2] != '$')
        {
            return false;
        }

        var inner = rest[3..];

        // $2a$, $2b$ or $2y$ (the same algorithm), then the same cost, then 53 characters of bcrypt base64.
        if (inner[0] != '$' || inner[1] != '2' || inner[2] is not ('a' or 'b' or 'y') || inner[3] != '$'
            || !inner.Slice(4, 2).SequenceEqual(rest[..2]) || inner[6] != '$')
        {
            return false;
        }

        foreach (var c in inner[7..])
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '/'))
            {
                return false;
            }
        }

        bcryptHash = inner.ToString();
        return true;
    }

    private static bool TryParseCost(ReadOnlySpan<char> digits, out int cost)
    {
        cost = 0;
        if (!char.IsAsciiDigit(digits[0]) || !char.IsAsciiDigit(digits[1]))
        {
            return false;
        }

        cost = ((digits[0] - '0') * 10) + (digits[1] - '0');
        return cost is >= MinimumCost and <= MaximumCost;
    }
}
