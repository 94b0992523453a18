namespace TekUp.Security.Auth.ApiKeys;

/// <summary>Helpers for the hash form of an API key.</summary>
public static class ApiKeyHashes
{
    /// <summary>The length of a key hash in bytes: 32 (HMAC-SHA256).</summary>
    public const int HashLength = 32;

    /// <summary>The length of a hash prefix in characters: 8 hex digits (32 bits).</summary>
    public const int PrefixLength = 8;

    /// <summary>
    /// The first 8 lowercase hex digits of a key hash: a non-secret handle for logs, events and audit entries. It is
    /// derived from the peppered hash, so it reveals nothing about the key, and it is too short to look a key up by.
    /// </summary>
    /// <param name="hash">A key hash (at least 4 bytes).</param>
    public static string Prefix(ReadOnlySpan<byte> hash)
    {
        if (hash.Length < PrefixLength / 2)
        {
            throw new ArgumentException("A key hash has at least 4 bytes.", nameof(hash));
        }

        return Convert.ToHexStringLower(hash[..(PrefixLength / 2)]);
    }
}
