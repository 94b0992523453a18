using System.Buffers.Binary;
using System.Security.Cryptography;
using TekUp.Security.Cryptography.Internal;

namespace TekUp.Security.Cryptography;

/// <summary>
/// HKDF-SHA256 (RFC 5869) for keys derived from a high-entropy secret, such as a master key or a data key, with an
/// unambiguous encoding of the purpose and an optional context (for example a tenant id). For passwords use
/// <see cref="PasswordKeyDerivation"/>; to derive from an <see cref="AeadKey"/> use <see cref="AeadKey.DeriveSubkey"/>.
/// </summary>
/// <remarks>
/// HKDF info = <c>u32be len(purpose) || purpose UTF-8 || u32be len(context) || context UTF-8</c>; no salt. The length
/// prefixes keep ("jwt", "ab") and ("jwta", "b") apart. The same inputs always give the same key.
/// </remarks>
public static class KeyDerivation
{
    /// <summary>The shortest secret accepted: 16 bytes (128 bits).</summary>
    public const int MinimumSecretSizeInBytes = 16;

    /// <summary>The longest key HKDF-SHA256 can produce: 8160 bytes.</summary>
    public const int MaxKeySizeInBytes = 255 * 32;

    private const int MaxLabelLength = 256;

    /// <summary>Derives a key for <paramref name="purpose"/> from <paramref name="secret"/>.</summary>
    /// <param name="secret">At least 16 bytes of uniformly random secret material.</param>
    /// <param name="purpose">A fixed, versioned label such as <c>TekUp.Security/audit-checkpoint/v1</c> (1-256 characters).</param>
    /// <param name="destination">Receives the key: 1 to <see cref="MaxKeySizeInBytes"/> bytes.</param>
    /// <exception cref="ArgumentException">The secret is too short, the purpose empty or too long, or the destination length is out of range.</exception>
    public static void DeriveKey(ReadOnlySpan<byte> secret, string purpose, Span<byte> destination) =>
        DeriveKey(secret, purpose, string.Empty, destination);

    /// <summary>Derives a key for <paramref name="purpose"/> and <paramref name="context"/> from <paramref name="secret"/>.</summary>
    /// <param name="secret">At least 16 bytes of uniformly random secret material.</param>
    /// <param name="purpose">A fixed, versioned label such as <c>TekUp.Security/jwt/v1</c> (1-256 characters).</param>
    /// <param name="context">What the key is for within the purpose, such as a tenant id (0-256 characters).</param>
    /// <param name="destination">Receives the key: 1 to <see cref="MaxKeySizeInBytes"/> bytes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="purpose"/> or <paramref name="context"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The secret is too short, a label is out of range, or the destination length is out of range.</exception>
    public static void DeriveKey(ReadOnlySpan<byte> secret, string purpose, string context, Span<byte> destination)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        ArgumentNullException.ThrowIfNull(context);
        if (secret.Length < MinimumSecretSizeInBytes)
        {
            throw Errors.SecretTooShort(nameof(secret), MinimumSecretSizeInBytes);
        }

        ValidateLabel(purpose, nameof(purpose));
        ValidateLabel(context, nameof(context));
        if (destination.IsEmpty || destination.Length > MaxKeySizeInBytes)
        {
            throw Errors.DerivedKeyLength(nameof(destination), MaxKeySizeInBytes);
        }

        var purposeLength = StrictUtf8.Strict.GetByteCount(purpose);
        var contextLength = StrictUtf8.Strict.GetByteCount(context);
        Span<byte> info = stackalloc byte[4 + purposeLength + 4 + contextLength];
        BinaryPrimitives.WriteUInt32BigEndian(info, (uint)purposeLength);
        StrictUtf8.Strict.GetBytes(purpose, info[4..]);
        var rest = info[(4 + purposeLength)..];
        BinaryPrimitives.WriteUInt32BigEndian(rest, (uint)contextLength);
        StrictUtf8.Strict.GetBytes(context, rest[4..]);

        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, destination, salt: default, info: info);
    }

    private static void ValidateLabel(string value, string paramName)
    {
        if (value.Length > MaxLabelLength || !StrictUtf8.IsWellFormed(value))
        {
            throw new ArgumentException($"The value must be at most {MaxLabelLength} characters of well-formed UTF-16.", paramName);
        }
    }
}
