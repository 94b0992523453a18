using System.Security.Cryptography;

namespace TekUp.Security.Cryptography.Internal;

/// <summary>
/// Builds the exceptions of TekUp.Security.Crypto in one place. Messages never contain key material, plaintext,
/// passwords or tokens; they name the parameter and the rule that was broken.
/// </summary>
internal static class Errors
{
    public static ArgumentException KeyMaterialLength(string paramName, int actual) =>
        new($"AES-256-GCM key material must be exactly {AeadKey.KeySizeInBytes} bytes; {actual} bytes were given.", paramName);

    public static ArgumentException EmptyKeyId(string paramName) =>
        new("The key id must not be Guid.Empty.", paramName);

    public static ArgumentException EmptyPurpose(string paramName) =>
        new("The derivation purpose must not be empty.", paramName);

    public static ArgumentException DestinationTooShort(string paramName, int required, int actual) =>
        new($"The destination must be at least {required} bytes long; it is {actual} bytes.", paramName);

    public static ArgumentException DerivedKeyLength(string paramName, int max) =>
        new($"The destination must be 1 to {max} bytes long.", paramName);

    public static ArgumentException BuffersOverlap(string paramName) =>
        new("The source and destination buffers must not overlap.", paramName);

    public static ArgumentException DefaultContext(string paramName) =>
        new("The encryption context is the default value; create it with its constructor.", paramName);

    public static ArgumentException TenantId(string paramName) =>
        new($"The tenant id must be 1-{EncryptionContext.MaxTenantIdLength} characters of well-formed UTF-16.", paramName);

    public static ArgumentException CallerContextLength(string paramName) =>
        new($"The caller context must be at most {EncryptionContext.MaxCallerContextLength} bytes; bind a hash of longer values.", paramName);

    public static ArgumentOutOfRangeException DataClass(string paramName, int value) =>
        new(paramName, value, "The data class is not a defined DataClass value.");

    public static ArgumentOutOfRangeException PlaintextTooLong(string paramName) =>
        new(paramName, "The plaintext is too long for one envelope.");

    public static CryptographicException CiphertextTooShort() =>
        new("The ciphertext is too short to be a TekUp.Security envelope.");

    public static CryptographicException UnknownVersion(byte version) =>
        new($"The ciphertext has the unknown envelope format version {version}.");

    public static CryptographicException WrongKey() =>
        new("The ciphertext was not encrypted under this key.");

    public static CryptographicException AuthenticationFailed() =>
        new("The ciphertext could not be authenticated: it was altered, or the key or the encryption context does not match.");

    public static CryptographicException MalformedBase64Url() =>
        new("The ciphertext is not valid base64url.");

    public static ArgumentException SecretTooShort(string paramName, int minimum) =>
        new($"The secret must be at least {minimum} bytes of high-entropy material; derive keys from passwords with PasswordKeyDerivation.", paramName);

    public static ArgumentException Password(string paramName, int maxLength) =>
        new($"The password must be 1-{maxLength} characters of well-formed UTF-16.", paramName);

    public static ArgumentOutOfRangeException Iterations(string paramName, int value, int minimum, int maximum) =>
        new(paramName, value, $"The iteration count must be between {minimum} and {maximum}.");

    public static ArgumentException DerivedKeyLengthMismatch(string paramName, int expected, int actual) =>
        new($"The descriptor is for a {expected}-byte key; the destination is {actual} bytes.", paramName);

    public static CryptographicException MalformedDescriptor() =>
        new("The key derivation descriptor is malformed or uses unsupported parameters.");

    public static ArgumentOutOfRangeException TokenSize(string paramName, int value, int minimum, int maximum) =>
        new(paramName, value, $"The token size must be between {minimum} and {maximum} bytes.");
}
