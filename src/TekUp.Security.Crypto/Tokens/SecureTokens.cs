using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using TekUp.Security.Cryptography.Internal;

namespace TekUp.Security.Cryptography;

/// <summary>
/// Random tokens from <see cref="RandomNumberGenerator"/> (reset links, one-time codes' secrets, nonces, ids that must
/// not be guessable) and fixed-time comparison of secrets over <see cref="CryptographicOperations.FixedTimeEquals"/>.
/// </summary>
public static class SecureTokens
{
    /// <summary>The fewest random bytes in a token: 16 (128 bits, beyond guessing).</summary>
    public const int MinimumByteCount = 16;

    /// <summary>The most random bytes in a token: 1024.</summary>
    public const int MaximumByteCount = 1024;

    /// <summary>The default number of random bytes: 32 (256 bits).</summary>
    public const int DefaultByteCount = 32;

    /// <summary>Creates a token of <paramref name="byteCount"/> random bytes in unpadded base64url (43 characters for 32 bytes).</summary>
    /// <param name="byteCount">The number of random bytes, 16-1024.</param>
    /// <returns>The token, using only <c>A-Z a-z 0-9 - _</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="byteCount"/> is out of range.</exception>
    public static string CreateBase64Url(int byteCount = DefaultByteCount)
    {
        Span<byte> bytes = stackalloc byte[ValidateByteCount(byteCount)];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Creates a token of <paramref name="byteCount"/> random bytes in lowercase hexadecimal (64 characters for 32 bytes).</summary>
    /// <param name="byteCount">The number of random bytes, 16-1024.</param>
    /// <returns>The token, using only <c>0-9 a-f</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="byteCount"/> is out of range.</exception>
    public static string CreateHex(int byteCount = DefaultByteCount) =>
        RandomNumberGenerator.GetHexString(ValidateByteCount(byteCount) * 2, lowercase: true);

    /// <summary>
    /// Compares two secrets in time that depends only on their lengths, not on where they differ.
    /// </summary>
    /// <param name="left">One secret.</param>
    /// <param name="right">The other secret.</param>
    /// <returns><see langword="true"/> when both have the same length and the same bytes.</returns>
    public static bool FixedTimeEquals(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) =>
        CryptographicOperations.FixedTimeEquals(left, right);

    /// <summary>
    /// Compares two secret strings (tokens, codes) ordinally, in time that depends only on their lengths. Lengths are
    /// not hidden: compare values of a fixed length (or their hashes) when the length itself is secret.
    /// </summary>
    /// <param name="left">One secret.</param>
    /// <param name="right">The other secret.</param>
    /// <returns><see langword="true"/> when both have the same characters.</returns>
    public static bool FixedTimeEquals(ReadOnlySpan<char> left, ReadOnlySpan<char> right) =>
        CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(left), MemoryMarshal.AsBytes(right));

    /// <summary>
    /// Compares two secret strings like <see cref="FixedTimeEquals(ReadOnlySpan{char}, ReadOnlySpan{char})"/>.
    /// A <see langword="null"/> secret never equals anything, not even another <see langword="null"/>, so that a missing
    /// secret can never match a missing secret.
    /// </summary>
    /// <param name="left">One secret, or <see langword="null"/>.</param>
    /// <param name="right">The other secret, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when both are non-null and have the same characters.</returns>
    public static bool FixedTimeEquals(string? left, string? right) =>
        left is not null && right is not null && FixedTimeEquals(left.AsSpan(), right.AsSpan());

    private static int ValidateByteCount(int byteCount) =>
        byteCount is < MinimumByteCount or > MaximumByteCount
            ? throw Errors.TokenSize(nameof(byteCount), byteCount, MinimumByteCount, MaximumByteCount)
            : byteCount;
}
