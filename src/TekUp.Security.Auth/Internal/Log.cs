using Microsoft.Extensions.Logging;

namespace TekUp.Security.Auth.Internal;

/// <summary>Source-generated log messages of TekUp.Security.Auth. Event ids 4000-4999. Never a key, token or pepper.</summary>
internal static partial class Log
{
    [LoggerMessage(4001, LogLevel.Information, "Authentication failed: {Reason} (tenant {TenantId}, key {KeyId}, credential {CredentialId})")]
    public static partial void AuthenticationFailed(ILogger logger, string reason, string? tenantId, string? keyId, string? credentialId);

    [LoggerMessage(4002, LogLevel.Error, "Tenant {TenantId} has an invalid IP allow-list entry; every address is refused until it is fixed")]
    public static partial void InvalidAllowList(ILogger logger, string tenantId);

    [LoggerMessage(4010, LogLevel.Information, "API key {KeyId} ({HashPrefix}) issued for tenant {TenantId}")]
    public static partial void ApiKeyIssued(ILogger logger, string tenantId, string keyId, string hashPrefix);

    [LoggerMessage(4011, LogLevel.Information, "API key {OldKeyId} of tenant {TenantId} rotated to {NewKeyId}; the old key expires at {OldKeyExpiresAt}")]
    public static partial void ApiKeyRotated(ILogger logger, string tenantId, string oldKeyId, string newKeyId, DateTimeOffset? oldKeyExpiresAt);

    [LoggerMessage(4012, LogLevel.Warning, "API key {KeyId} of tenant {TenantId} revoked: {Reason}")]
    public static partial void ApiKeyRevoked(ILogger logger, string tenantId, string keyId, string reason);

    [LoggerMessage(4013, LogLevel.Debug, "Recorded last use of {Count} API keys")]
    public static partial void UsageFlushed(ILogger logger, int count);

    [LoggerMessage(4014, LogLevel.Warning, "Recording API key last-used times failed; retrying at the next flush")]
    public static partial void UsageFlushFailed(ILogger logger, Exception exception);

    [LoggerMessage(4015, LogLevel.Warning, "No Auth:ApiKeyPepper is configured and no key ring can derive one; using a random pepper for this process only, so issued keys stop working at restart")]
    public static partial void EphemeralPepper(ILogger logger);

    [LoggerMessage(4020, LogLevel.Warning, "IP address blocked until {BlockedUntil}: {Reason}")]
    public static partial void IpBlocked(ILogger logger, DateTimeOffset blockedUntil, string reason);

    [LoggerMessage(4021, LogLevel.Warning, "Reloading {Snapshot} from the store failed; keeping the previous copy")]
    public static partial void SnapshotRefreshFailed(ILogger logger, Exception exception, string snapshot);

    [LoggerMessage(4030, LogLevel.Debug, "Session {TokenId} created for tenant {TenantId}, key {KeyId}")]
    public static partial void SessionCreated(ILogger logger, string tenantId, string keyId, string tokenId);

    [LoggerMessage(4031, LogLevel.Information, "Sessions revoked for tenant {TenantId}: {Resource} ({Reason})")]
    public static partial void SessionsRevoked(ILogger logger, string tenantId, string resource, string reason);
}
