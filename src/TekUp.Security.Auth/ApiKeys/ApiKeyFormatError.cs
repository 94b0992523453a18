namespace TekUp.Security.Auth.ApiKeys;

/// <summary>Why a presented string is not a well-formed TekUp API key.</summary>
public enum ApiKeyFormatError
{
    /// <summary>The key is well formed and its checksum is correct.</summary>
    None = 0,

    /// <summary>The key is not exactly 67 characters long (this includes an empty key).</summary>
    WrongLength = 1,

    /// <summary>The key does not start with <c>tk_</c>.</summary>
    WrongPrefix = 2,

    /// <summary>A character after the prefix is not a lowercase hexadecimal digit (uppercase, whitespace, non-ASCII...).</summary>
    InvalidCharacter = 3,

    /// <summary>The key is well formed but its last 8 digits are not the CRC-32 of the rest: mistyped or invented.</summary>
    BadChecksum = 4,
}
