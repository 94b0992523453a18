using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using TekUp.Security.Cryptography.Internal;

namespace TekUp.Security.Cryptography;

/// <summary>
/// Keys derived from passwords or passphrases with PBKDF2-HMAC-SHA256 (<see cref="Rfc2898DeriveBytes.Pbkdf2(ReadOnlySpan{char}, ReadOnlySpan{byte}, Span{byte}, int, HashAlgorithmName)"/>),
/// at least 600,000 iterations (OWASP's 2023 figure for PBKDF2-HMAC-SHA256), a 16-byte random salt, and a
/// self-describing descriptor to store next to what the key protects:
/// <c>$tekup-pbkdf2$v=1$h=sha256$i=600000$l=32$s=&lt;salt, base64url&gt;</c>.
/// </summary>
/// <remarks>
/// The descriptor is not secret; the password is. Use this only where a person's password or passphrase must become a
/// key (for example a passphrase-protected export). Keys from high-entropy secrets use <see cref="KeyDerivation"/>,
/// and stored password hashes use <see cref="IPasswordHasher"/>.
/// </remarks>
public static class PasswordKeyDerivation
{
    /// <summary>The fewest iterations accepted, and the default: 600,000.</summary>
    public const int MinimumIterations = 600_000;

    /// <summary>The most iterations accepted: 10,000,000 (bounds the work a crafted descriptor can demand).</summary>
    public const int MaximumIterations = 10_000_000;

    /// <summary>The salt size: 16 bytes.</summary>
    public const int SaltSizeInBytes = 16;

    /// <summary>The shortest key: 16 bytes.</summary>
    public const int MinimumKeySizeInBytes = 16;

    /// <summary>
    /// The longest key: 32 bytes, one SHA-256 block (longer PBKDF2 output costs the defender more than the attacker;
    /// expand a 32-byte key with <see cref="KeyDerivation"/> instead).
    /// </summary>
    public const int MaximumKeySizeInBytes = 32;

    /// <summary>The longest password accepted: 4096 characters.</summary>
    public const int MaxPasswordLength = 4096;

    private const string Prefix = "$tekup-pbkdf2$v=1$h=sha256$i=";

    /// <summary>Derives a new key from a password with a fresh random salt.</summary>
    /// <param name="password">The password: 1-4096 characters of well-formed UTF-16.</param>
    /// <param name="destination">Receives the key: 16-32 bytes.</param>
    /// <param name="iterations">The PBKDF2 iteration count, 600,000 to 10,000,000.</param>
    /// <returns>The descriptor to store; <see cref="DeriveKey"/> re-derives the same key from it and the password.</returns>
    /// <exception cref="ArgumentException">The password or the destination length is out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="iterations"/> is out of range.</exception>
    public static string DeriveNewKey(ReadOnlySpan<char> password, Span<byte> destination, int iterations = MinimumIterations)
    {
        ValidatePassword(password);
        ValidateKeyLength(destination.Length);
        if (iterations is < MinimumIterations or > MaximumIterations)
        {
            throw Errors.Iterations(nameof(iterations), iterations, MinimumIterations, MaximumIterations);
        }

        Span<byte> salt = stackalloc byte[SaltSizeInBytes];
        RandomNumberGenerator.Fill(salt);
        Rfc2898DeriveBytes.Pbkdf2(password, salt, destination, iterations, HashAlgorithmName.SHA256);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{iterations}$l={destination.Length}$s={Base64Url.EncodeToString(salt)}");
    }

    /// <summary>Re-derives the key described by a descriptor from <see cref="DeriveNewKey"/>.</summary>
    /// <param name="password">The password.</param>
    /// <param name="descriptor">The stored descriptor.</param>
    /// <param name="destination">Receives the key; its length must be the descriptor's key length.</param>
    /// <exception cref="ArgumentNullException"><paramref name="descriptor"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The password is out of range, or the destination length differs from the descriptor's.</exception>
    /// <exception cref="CryptographicException">The descriptor is malformed or has parameters outside the accepted ranges.</exception>
    public static void DeriveKey(ReadOnlySpan<char> password, string descriptor, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ValidatePassword(password);
        Span<byte> salt = stackalloc byte[SaltSizeInBytes];
        if (!TryParse(descriptor, out var iterations, out var keyLength, salt))
        {
            throw Errors.MalformedDescriptor();
        }

        if (destination.Length != keyLength)
        {
            throw Errors.DerivedKeyLengthMismatch(nameof(destination), keyLength, destination.Length);
        }

        Rfc2898DeriveBytes.Pbkdf2(password, salt, destination, iterations, HashAlgorithmName.SHA256);
    }

    private static bool TryParse(string descriptor, out int iterations, out int keyLength, Span<byte> salt)
    {
        iterations = 0;
        keyLength = 0;
        if (!descriptor.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        // i=<digits>$l=<digits>$s=<22 base64url characters>, nothing else.
        var parts = descriptor.AsSpan(Prefix.Length);
        var end = parts.IndexOf("$l=", StringComparison.Ordinal);
        if (end <= 0 || !TryParseNumber(parts[..end], out iterations) || iterations is < MinimumIterations or > MaximumIterations)
        {
            return false;
        }

        parts = parts[(end + 3)..];
        end = parts.IndexOf("$s=", StringComparison.Ordinal);
        if (end <= 0 || !TryParseNumber(parts[..end], out keyLength) || keyLength is < MinimumKeySizeInBytes or > MaximumKeySizeInBytes)
        {
            return false;
        }

        var encodedSalt = parts[(end + 3)..];
        return encodedSalt.Length == 22
            && Base64Url.IsValid(encodedSalt, out var saltLength)
            && saltLength == SaltSizeInBytes
            && Base64Url.TryDecodeFromChars(encodedSalt, salt, out var written)
            && written == SaltSizeInBytes
            && encodedSalt.SequenceEqual(Base64Url.EncodeToString(salt));
    }

    // Canonical decimal only: no sign, no leading zero, no whitespace, at most 8 digits.
    private static bool TryParseNumber(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        if (digits.Length is 0 or > 8 || digits[0] == '0')
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    private static void ValidatePassword(ReadOnlySpan<char> password)
    {
        if (password.Length is 0 or > MaxPasswordLength || !StrictUtf8.IsWellFormed(password))
        {
            throw Errors.Password(nameof(password), MaxPasswordLength);
        }
    }

    private static void ValidateKeyLength(int length)
    {
        if (length is < MinimumKeySizeInBytes or > MaximumKeySizeInBytes)
        {
            throw new ArgumentException($"The key must be {MinimumKeySizeInBytes}-{MaximumKeySizeInBytes} bytes long.", "destination");
        }
    }
}
