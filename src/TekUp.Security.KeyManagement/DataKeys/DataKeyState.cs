namespace TekUp.Security.KeyManagement;

/// <summary>
/// The lifecycle state of a data key. States only move forward: Active → Rotated → Revoked → Destroyed, and any
/// state may go straight to Revoked or Destroyed. A key never becomes Active again.
/// </summary>
public enum DataKeyState
{
    /// <summary>The one key of its tenant and data class that encrypts new data. Also decrypts.</summary>
    Active = 1,

    /// <summary>Replaced by a newer key: decrypts existing data, never encrypts.</summary>
    Rotated = 2,

    /// <summary>Refused for any use (for example after a suspected compromise). The wrapped material is kept.</summary>
    Revoked = 3,

    /// <summary>The wrapped material is erased (crypto-shredding): data encrypted under the key cannot be read again.</summary>
    Destroyed = 4,
}
