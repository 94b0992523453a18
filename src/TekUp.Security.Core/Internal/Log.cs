using Microsoft.Extensions.Logging;
using TekUp.Security.Events;

namespace TekUp.Security.Internal;

/// <summary>Source-generated log messages of TekUp.Security.Core. Event ids 1000-1999.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Debug, "Security event {Type} for tenant {TenantId}: {Reason}")]
    public static partial void SecurityEvent(ILogger logger, SecurityEventType type, string? tenantId, string? reason);

    [LoggerMessage(1002, LogLevel.Error, "Security event handler {Handler} failed on {Type}")]
    public static partial void SecurityEventHandlerFailed(ILogger logger, Exception exception, string handler, SecurityEventType type);

    [LoggerMessage(1010, LogLevel.Warning, "No audit signing key is configured: using the ephemeral key {KeyId}. Checkpoints signed with it cannot be verified after a restart. Set TekUp:Security:Audit:SigningKey (or add KeyManagement) outside development.")]
    public static partial void EphemeralAuditSigningKey(ILogger logger, string keyId);

    [LoggerMessage(1011, LogLevel.Warning, "No audit pseudonym key is configured: using an ephemeral key. Subject pseudonyms will change after a restart. Set TekUp:Security:Audit:PseudonymKey (or add KeyManagement) outside development.")]
    public static partial void EphemeralAuditPseudonymKey(ILogger logger);

    [LoggerMessage(1012, LogLevel.Debug, "Audit chain {ChainId}: stored entries {FirstSequence}-{LastSequence}")]
    public static partial void AuditBatchStored(ILogger logger, string chainId, long firstSequence, long lastSequence);

    [LoggerMessage(1013, LogLevel.Information, "Audit chain {ChainId}: checkpoint {Sequence} hash {Hash} signed with key {KeyId}")]
    public static partial void AuditCheckpointSigned(ILogger logger, string chainId, long sequence, string hash, string keyId);

    [LoggerMessage(1014, LogLevel.Debug, "Audit chain {ChainId}: another writer extended the chain first; re-chaining {Count} records (attempt {Attempt})")]
    public static partial void AuditChainConflict(ILogger logger, string chainId, int count, int attempt);

    [LoggerMessage(1015, LogLevel.Error, "Audit chain {ChainId}: storing {Count} records failed (attempt {Attempt}); they stay queued and are retried")]
    public static partial void AuditStoreFailed(ILogger logger, Exception exception, string chainId, int count, int attempt);

    [LoggerMessage(1016, LogLevel.Information, "Audit chain {ChainId}: the store recovered after {Attempts} failed attempts")]
    public static partial void AuditStoreRecovered(ILogger logger, string chainId, int attempts);

    [LoggerMessage(1017, LogLevel.Critical, "Audit chain {ChainId}: {Count} audit records could not be stored before shutdown and are lost")]
    public static partial void AuditRecordsLost(ILogger logger, string chainId, long count);

    [LoggerMessage(1018, LogLevel.Warning, "Audit chain {ChainId} failed verification: {Failure} at sequence {Sequence}. {Detail}")]
    public static partial void AuditVerificationFailed(ILogger logger, string chainId, Auditing.AuditVerificationFailure failure, long? sequence, string? detail);

    [LoggerMessage(1019, LogLevel.Information, "Audit chain {ChainId} verified: {Entries} entries, {Checkpoints} checkpoints, up to sequence {LastSequence}")]
    public static partial void AuditVerified(ILogger logger, string chainId, long entries, long checkpoints, long lastSequence);
}
