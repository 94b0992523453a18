using System.Security.Cryptography;
using System.Text;

namespace TekUp.Security.Auth.Internal;

/// <summary>
/// HMAC-SHA256(pepper, ASCII bytes of the key): the only form of a key that is stored or compared. Each thread keeps
/// one keyed <see cref="IncrementalHash"/>, so the pepper's HMAC key schedule is not redone for every request (the
/// one-shot <see cref="HMACSHA256.HashData(byte[], byte[])"/> sets the key up on every call).
/// </summary>
internal sealed class ApiKeyHasher(ApiKeyPepper pepper)
{
    [ThreadStatic]
    private static IncrementalHash? t_hmac;

    [ThreadStatic]
    private static ApiKeyHasher? t_owner;

    /// <summary>Hashes a key that passed <see cref="ApiKeys.ApiKeyFormat.Validate"/> (so it is 67 ASCII characters).</summary>
    public ApiKeyHash Compute(ReadOnlySpan<char> key)
    {
        Span<byte> ascii = stackalloc byte[ApiKeys.ApiKeyFormat.Length];
        if (Ascii.FromUtf16(key, ascii, out var written) != System.Buffers.OperationStatus.Done || written != ascii.Length)
        {
            throw new ArgumentException("Only well-formed keys are hashed.", nameof(key));
        }

        var hmac = t_hmac;
        if (hmac is null || !ReferenceEquals(t_owner, this))
        {
            // First use on this thread, or another hasher (another pepper) used it last.
            hmac?.Dispose();
            hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, pepper.Value);
            t_hmac = hmac;
            t_owner = this;
        }

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        hmac.AppendData(ascii);
        hmac.GetHashAndReset(mac);
        return new ApiKeyHash(mac);
    }
}
