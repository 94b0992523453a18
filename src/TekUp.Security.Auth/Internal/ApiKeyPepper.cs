using System.Security.Cryptography;

namespace TekUp.Security.Auth.Internal;

/// <summary>The server-side pepper of key hashes, held for the process lifetime.</summary>
internal sealed class ApiKeyPepper
{
    private readonly byte[] _value;

    public ApiKeyPepper(byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length < AuthOptionsValidator.MinPepperBytes)
        {
            throw new CryptographicException("The API key pepper must be at least 32 bytes.");
        }

        _value = value;
    }

    public ReadOnlySpan<byte> Value => _value;

    public static ApiKeyPepper FromBase64(string base64) => new(Convert.FromBase64String(base64));
}
