using Microsoft.Extensions.Logging;
using TekUp.Security.DataClasses;

namespace TekUp.Security.KeyManagement.Internal;

/// <summary>Source-generated log messages of TekUp.Security.KeyManagement. Event ids 3000-3999. Never logs key material.</summary>
internal static partial class Log
{
    [LoggerMessage(3001, LogLevel.Warning,
        "Generated a master key file at '{Path}'. The master key is stored UNPROTECTED on disk: whoever can read the file can unwrap every data key. This is for development only; configure a master key from a secret store or a KMS-backed IKeyEncryptionKeyProvider in production.")]
    public static partial void MasterKeyFileGenerated(ILogger logger, string path);

    [LoggerMessage(3002, LogLevel.Warning,
        "Using the generated development master key file '{Path}'. The key is stored unprotected on disk; do not use it in production.")]
    public static partial void DevelopmentMasterKeyInUse(ILogger logger, string path);

    [LoggerMessage(3003, LogLevel.Information, "Loaded {Count} local master key(s); the current key-encryption key is {KekId}")]
    public static partial void MasterKeysLoaded(ILogger logger, string kekId, int count);

    [LoggerMessage(3010, LogLevel.Information, "Generated data key {KeyId} for tenant {TenantId}, class {DataClass}")]
    public static partial void DataKeyGenerated(ILogger logger, Guid keyId, string tenantId, DataClass dataClass);

    [LoggerMessage(3011, LogLevel.Debug, "Loaded data key {KeyId} of tenant {TenantId}, class {DataClass} from storage")]
    public static partial void DataKeyLoaded(ILogger logger, Guid keyId, string tenantId, DataClass dataClass);

    [LoggerMessage(3012, LogLevel.Information, "Rotated data key {PreviousKeyId} of tenant {TenantId}, class {DataClass} to {KeyId} ({Reason})")]
    public static partial void DataKeyRotated(ILogger logger, Guid previousKeyId, Guid keyId, string tenantId, DataClass dataClass, KeyRotationReason reason);

    [LoggerMessage(3013, LogLevel.Warning, "Revoked data key {KeyId} of tenant {TenantId}")]
    public static partial void DataKeyRevoked(ILogger logger, Guid keyId, string tenantId);

    [LoggerMessage(3014, LogLevel.Warning, "Destroyed data key {KeyId} of tenant {TenantId}: its material is erased")]
    public static partial void DataKeyDestroyed(ILogger logger, Guid keyId, string tenantId);

    [LoggerMessage(3015, LogLevel.Information, "Rewrapped {Count} data key(s) under key-encryption key {KekId}")]
    public static partial void KeyEncryptionKeyRotated(ILogger logger, int count, string kekId);

    [LoggerMessage(3016, LogLevel.Debug, "Refused data key {KeyId} of tenant {TenantId}: {Reason}")]
    public static partial void DataKeyRefused(ILogger logger, Guid keyId, string tenantId, KeyUnavailableReason reason);

    [LoggerMessage(3017, LogLevel.Debug, "Lost the race to create or rotate the key of tenant {TenantId}, class {DataClass}; using the winner's key")]
    public static partial void KeyRaceLost(ILogger logger, string tenantId, DataClass dataClass);

    [LoggerMessage(3020, LogLevel.Error, "Could not persist the use count of data key {KeyId}; it will be retried")]
    public static partial void UseCountFlushFailed(ILogger logger, Exception exception, Guid keyId);

    [LoggerMessage(3021, LogLevel.Error, "The key cache sweep failed")]
    public static partial void CacheSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(3022, LogLevel.Error, "Rotating data key {KeyId} after it reached its maximum use count failed; it will be retried")]
    public static partial void UseCountRotationFailed(ILogger logger, Exception exception, Guid keyId);

    [LoggerMessage(3023, LogLevel.Error, "Could not audit {EventType} of a platform key")]
    public static partial void PlatformAuditFailed(ILogger logger, Exception exception, string eventType);

    [LoggerMessage(3030, LogLevel.Information, "Scheduled key rotation rotated {Count} data key(s)")]
    public static partial void DueKeysRotated(ILogger logger, int count);

    [LoggerMessage(3031, LogLevel.Error, "Scheduled key rotation failed; it runs again at the next interval")]
    public static partial void BackgroundRotationFailed(ILogger logger, Exception exception);
}
