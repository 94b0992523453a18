namespace TekUp.Security.Auth.ApiKeys;

/// <summary>
/// A newly issued key: the plaintext <see cref="Key"/>, which exists only here (show it to its owner once; it is not
/// stored and cannot be recovered), and the stored <see cref="Record"/>.
/// </summary>
public sealed class IssuedApiKey
{
    internal IssuedApiKey(string key, ApiKeyRecord record)
    {
        Key = key;
        Record = record;
    }

    /// <summary>The plaintext key, <c>tk_</c> + 64 hex digits. Never log it.</summary>
    public string Key { get; }

    /// <summary>The stored record (hash only).</summary>
    public ApiKeyRecord Record { get; }

    /// <summary>Returns the key id and hash prefix, never the key.</summary>
    public override string ToString() => $"ApiKey {Record.Id} ({Record.HashPrefix})";
}
