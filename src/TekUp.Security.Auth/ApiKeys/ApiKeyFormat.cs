using System.Buffers;
using System.Globalization;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;

namespace TekUp.Security.Auth.ApiKeys;

/// <summary>
/// The TekUp API key format: <c>tk_</c> followed by 64 lowercase hexadecimal digits, 67 ASCII characters in all.
/// The first 56 digits are random (224 bits from <see cref="RandomNumberGenerator"/>); the last 8 digits are the
/// CRC-32 (ISO-HDLC, the zlib/PNG polynomial, <see cref="Crc32"/>) of the ASCII bytes of the first 59 characters
/// (<c>tk_</c> and the 56 random digits), written as a big-endian hexadecimal number: the value
/// <c>Crc32.HashToUInt32(bytes).ToString("x8")</c>, which is also <c>format(zlib.crc32(key[:59].encode()), "08x")</c>.
/// A mistyped or invented key is refused by <see cref="Validate"/> before any hashing or store lookup, and a secret
/// scanner can match <see cref="ScannerPattern"/> and confirm a hit with the checksum.
/// </summary>
public static class ApiKeyFormat
{
    /// <summary>The fixed prefix of every key: <c>tk_</c>.</summary>
    public const string Prefix = "tk_";

    /// <summary>The length of a key in characters: 67.</summary>
    public const int Length = 67;

    /// <summary>The number of hexadecimal digits after the prefix: 64.</summary>
    public const int HexDigits = 64;

    /// <summary>The number of leading characters the checksum covers: 59 (<c>tk_</c> and 56 random digits).</summary>
    public const int ChecksummedLength = Length - ChecksumDigits;

    /// <summary>The number of checksum digits at the end of the key: 8.</summary>
    public const int ChecksumDigits = 8;

    /// <summary>
    /// A regular expression (.NET, PCRE, RE2 and JavaScript syntax alike) that matches a TekUp API key in text, for
    /// secret scanners: <c>\btk_[0-9a-f]{64}\b</c>. Confirm a match with <see cref="Validate"/> (or the CRC-32 rule
    /// in the type summary) to discard look-alikes.
    /// </summary>
    public const string ScannerPattern = @"\btk_[0-9a-f]{64}\b";

    private const int RandomBytes = (HexDigits - ChecksumDigits) / 2;

    private static readonly SearchValues<char> LowerHexDigits = SearchValues.Create("0123456789abcdef");

    /// <summary>
    /// Checks the format and checksum of a presented key without allocating. Constant work for inputs of any length:
    /// an input that is not exactly <see cref="Length"/> characters is refused from its length alone.
    /// </summary>
    /// <param name="key">The presented key.</param>
    /// <returns><see cref="ApiKeyFormatError.None"/> when the key is well formed, or the first problem found.</returns>
    public static ApiKeyFormatError Validate(ReadOnlySpan<char> key)
    {
        if (key.Length != Length)
        {
            return ApiKeyFormatError.WrongLength;
        }

        if (!key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return ApiKeyFormatError.WrongPrefix;
        }

        if (key[Prefix.Length..].ContainsAnyExcept(LowerHexDigits))
        {
            return ApiKeyFormatError.InvalidCharacter;
        }

        return ComputeChecksum(key[..ChecksummedLength]) == ParseChecksum(key[ChecksummedLength..])
            ? ApiKeyFormatError.None
            : ApiKeyFormatError.BadChecksum;
    }

    /// <summary>Returns <see langword="true"/> when <paramref name="key"/> has the TekUp format and a correct checksum.</summary>
    /// <param name="key">The presented key.</param>
    public static bool IsValid(ReadOnlySpan<char> key) => Validate(key) == ApiKeyFormatError.None;

    /// <summary>Generates a new random key in the TekUp format. The caller shows it once and stores only its hash.</summary>
    public static string Generate()
    {
        Span<byte> random = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(random);
        var key = string.Create(Length, (ReadOnlySpan<byte>)random, static (chars, bytes) =>
        {
            Prefix.CopyTo(chars);
            Convert.TryToHexStringLower(bytes, chars[Prefix.Length..], out _);
            var checksum = ComputeChecksum(chars[..ChecksummedLength]);
            checksum.TryFormat(chars[ChecksummedLength..], out _, "x8", CultureInfo.InvariantCulture);
        });
        CryptographicOperations.ZeroMemory(random);
        return key;
    }

    /// <summary>The CRC-32 of the ASCII bytes of the checksummed part of a key (the caller checked it is ASCII).</summary>
    internal static uint ComputeChecksum(ReadOnlySpan<char> checksummed)
    {
        Span<byte> ascii = stackalloc byte[ChecksummedLength];
        var status = Ascii.FromUtf16(checksummed, ascii, out var written);
        return status == OperationStatus.Done && written == ChecksummedLength
            ? Crc32.HashToUInt32(ascii)
            : throw new ArgumentException("The checksummed part of a key must be 59 ASCII characters.", nameof(checksummed));
    }

    private static uint ParseChecksum(ReadOnlySpan<char> digits)
    {
        uint value = 0;
        foreach (var c in digits)
        {
            value = (value << 4) | (uint)HexValue(c);
        }

        return value;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : c - 'a' + 10;
}
