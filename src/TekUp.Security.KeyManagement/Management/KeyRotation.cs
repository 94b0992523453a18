using TekUp.Security.DataClasses;

namespace TekUp.Security.KeyManagement;

/// <summary>One rotation performed by <see cref="IKeyManager.RotateDueKeysAsync"/>.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="DataClass">The data class.</param>
/// <param name="PreviousKeyId">The key that was active and is now rotated.</param>
/// <param name="KeyId">The new active key.</param>
/// <param name="Reason">Why the key was rotated.</param>
public sealed record KeyRotation(string TenantId, DataClass DataClass, Guid PreviousKeyId, Guid KeyId, KeyRotationReason Reason);

/// <summary>The outcome of <see cref="IKeyManager.RotateKeyEncryptionKeyAsync"/>.</summary>
/// <param name="KeyEncryptionKeyId">The current key-encryption key every key is now wrapped under.</param>
/// <param name="Rewrapped">How many keys this call rewrapped.</param>
/// <param name="AlreadyCurrent">How many keys were already wrapped under the current key-encryption key.</param>
public sealed record KeyEncryptionKeyRotationResult(string KeyEncryptionKeyId, int Rewrapped, int AlreadyCurrent);
