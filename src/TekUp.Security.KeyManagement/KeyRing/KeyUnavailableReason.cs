namespace TekUp.Security.KeyManagement;

/// <summary>Why a data key cannot be used.</summary>
public enum KeyUnavailableReason
{
    /// <summary>The tenant has no key with that id for that data class (it may be another tenant's key).</summary>
    NotFound = 1,

    /// <summary>The key was revoked: it is refused for any use.</summary>
    Revoked = 2,

    /// <summary>The key was destroyed: its material is erased and the data it protected cannot be read again.</summary>
    Destroyed = 3,
}
