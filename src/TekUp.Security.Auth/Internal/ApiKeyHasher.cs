using System.Security.Cryptography;
using System.Text;

namespace TekUp.Security.Auth.Internal;

/// <summary>HMAC-SHA256(pepper, ASCII bytes of the key): the only form of a key that is stored or compared.</summary>
internal sealed class ApiKeyHasher(ApiKeyPepper pepper)
{
    /// <summary>Hashes a key that passed <see cref="ApiKeys.ApiKeyFormat.Validate"/> (so it is 67 ASCII characters).</summary>
    public ApiKeyHash Compute(ReadOnlySpan<char> key)
    {
        Span<byte> ascii = stackalloc byte[ApiKeys.ApiKeyFormat.Length];
        if (Ascii.FromUtf16(key, ascii, out var written) != System.Buffers.OperationStatus.Done || written != ascii.Length)
        {
            throw new ArgumentException("Only well-formed keys are hashed.", nameof(key));
        }

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(pepper.Value, ascii, mac);
        return new ApiKeyHash(mac);
    }
}
