using System.Security.Cryptography;
using TekUp.Security.DataClasses;

namespace TekUp.Security.KeyManagement;

/// <summary>
/// The data key a ciphertext names cannot be used: it is not the tenant's, or it was revoked or destroyed. A
/// <see cref="CryptographicException"/>, so code that treats any decryption failure alike may catch that; code that
/// must tell a shredded record from a tampered one reads <see cref="Reason"/>.
/// </summary>
public sealed class KeyUnavailableException : CryptographicException
{
    /// <summary>Creates the exception.</summary>
    public KeyUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public KeyUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public KeyUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a key.</summary>
    /// <param name="tenantId">The tenant that asked for the key.</param>
    /// <param name="dataClass">The data class asked for.</param>
    /// <param name="keyId">The key id.</param>
    /// <param name="reason">Why the key cannot be used.</param>
    public KeyUnavailableException(string tenantId, DataClass dataClass, Guid keyId, KeyUnavailableReason reason)
        : base(FormatMessage(tenantId, dataClass, keyId, reason))
    {
        TenantId = tenantId;
        DataClass = dataClass;
        KeyId = keyId;
        Reason = reason;
    }

    /// <summary>The tenant that asked for the key.</summary>
    public string? TenantId { get; }

    /// <summary>The data class asked for.</summary>
    public DataClass DataClass { get; }

    /// <summary>The key id.</summary>
    public Guid KeyId { get; }

    /// <summary>Why the key cannot be used.</summary>
    public KeyUnavailableReason Reason { get; }

    private static string FormatMessage(string tenantId, DataClass dataClass, Guid keyId, KeyUnavailableReason reason) => reason switch
    {
        KeyUnavailableReason.Revoked => $"Data key {keyId} of tenant '{tenantId}' ({dataClass}) is revoked and refused for any use.",
        KeyUnavailableReason.Destroyed => $"Data key {keyId} of tenant '{tenantId}' ({dataClass}) was destroyed: data encrypted under it cannot be read again.",
        _ => $"Tenant '{tenantId}' has no {dataClass} data key {keyId}.",
    };
}
