using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TekUp.Security.Auditing;
using TekUp.Security.DataClasses;
using TekUp.Security.Events;

namespace TekUp.Security.KeyManagement.Internal;

/// <summary>
/// Writes the key lifecycle to the audit trail: generated, loaded from storage, rotated, revoked, destroyed,
/// rewrapped, refused. Never cache hits. Records carry key ids, classes and KEK ids only. Platform secrets
/// (ids starting with '$') are recorded without a tenant, and without waiting: the audit trail itself loads them
/// (through its key provider), and waiting for its queue from inside it could deadlock.
/// </summary>
/// <remarks>
/// The trail is resolved on first use, not injected: the trail depends on the audit key provider, which depends on
/// this class.
/// </remarks>
internal sealed class KeyAuditor(IServiceProvider services, ISecurityEventPublisher events, TimeProvider timeProvider, ILogger<KeyAuditor> logger)
{
    private IAuditTrail? _trail;

    private IAuditTrail Trail => _trail ??= services.GetRequiredService<IAuditTrail>();

    public const string Actor = "tekup.key-management";

    public ValueTask GeneratedAsync(DataKeyRecord key, CancellationToken cancellationToken) =>
        AppendAsync("key.generated", key.TenantId, key.KeyId, AuditOutcome.Success, null, cancellationToken,
            ("data_class", ClassName(key.DataClass)), ("kek_id", key.KeyEncryptionKeyId));

    public ValueTask LoadedAsync(DataKeyRecord key, CancellationToken cancellationToken) =>
        AppendAsync("key.loaded", key.TenantId, key.KeyId, AuditOutcome.Success, null, cancellationToken,
            ("data_class", ClassName(key.DataClass)), ("state", StateName(key.State)), ("kek_id", key.KeyEncryptionKeyId));

    public ValueTask RotatedAsync(DataKeyRecord previous, DataKeyRecord next, KeyRotationReason reason, CancellationToken cancellationToken) =>
        AppendAsync("key.rotated", next.TenantId, previous.KeyId, AuditOutcome.Success, ReasonName(reason), cancellationToken,
            ("data_class", ClassName(next.DataClass)), ("new_key_id", next.KeyId.ToString("D", CultureInfo.InvariantCulture)),
            ("use_count", previous.UseCount.ToString(CultureInfo.InvariantCulture)));

    public async ValueTask RevokedAsync(DataKeyRecord key, DataKeyState previousState, CancellationToken cancellationToken)
    {
        await AppendAsync("key.revoked", key.TenantId, key.KeyId, AuditOutcome.Success, null, cancellationToken,
            ("data_class", ClassName(key.DataClass)), ("previous_state", StateName(previousState))).ConfigureAwait(false);
        Publish(key, "revoked");
    }

    public async ValueTask DestroyedAsync(DataKeyRecord key, DataKeyState previousState, CancellationToken cancellationToken)
    {
        await AppendAsync("key.destroyed", key.TenantId, key.KeyId, AuditOutcome.Success, null, cancellationToken,
            ("data_class", ClassName(key.DataClass)), ("previous_state", StateName(previousState))).ConfigureAwait(false);
        Publish(key, "destroyed");
    }

    public ValueTask RewrappedAsync(DataKeyRecord key, string previousKekId, CancellationToken cancellationToken) =>
        AppendAsync("key.rewrapped", key.TenantId, key.KeyId, AuditOutcome.Success, null, cancellationToken,
            ("data_class", ClassName(key.DataClass)), ("previous_kek_id", previousKekId), ("kek_id", key.KeyEncryptionKeyId));

    public ValueTask KeyEncryptionKeyRotatedAsync(string kekId, int rewrapped, CancellationToken cancellationToken) =>
        Trail.AppendAsync(
            new AuditRecord
            {
                EventType = "kek.rotated",
                Actor = Actor,
                Resource = "kek:" + kekId,
                Data = new Dictionary<string, string>(StringComparer.Ordinal) { ["rewrapped"] = rewrapped.ToString(CultureInfo.InvariantCulture) },
            },
            cancellationToken);

    public ValueTask RefusedAsync(string tenantId, DataClass dataClass, Guid keyId, KeyUnavailableReason reason, CancellationToken cancellationToken) =>
        AppendAsync("key.refused", tenantId, keyId, AuditOutcome.Denied, reason == KeyUnavailableReason.Revoked ? "revoked_key" : "destroyed_key", cancellationToken,
            ("data_class", ClassName(dataClass)));

    private ValueTask AppendAsync(string eventType, string tenantId, Guid keyId, AuditOutcome outcome, string? reason, CancellationToken cancellationToken, params (string Name, string Value)[] data)
    {
        var details = new Dictionary<string, string>(data.Length, StringComparer.Ordinal);
        foreach (var (name, value) in data)
        {
            details[name] = value;
        }

        var record = new AuditRecord
        {
            EventType = eventType,
            TenantId = IsPlatform(tenantId) ? null : tenantId,
            Actor = Actor,
            Resource = Resource(tenantId, keyId),
            Outcome = outcome,
            Reason = reason,
            Data = details,
        };
        if (IsPlatform(tenantId))
        {
            _ = AppendDetachedAsync(record);
            return ValueTask.CompletedTask;
        }

        return Trail.AppendAsync(record, cancellationToken);
    }

    private async Task AppendDetachedAsync(AuditRecord record)
    {
        try
        {
            await Task.Run(async () => await Trail.AppendAsync(record).ConfigureAwait(false)).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Detached: nobody awaits this task, so the failure is logged here.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.PlatformAuditFailed(logger, ex, record.EventType);
        }
    }

    private void Publish(DataKeyRecord key, string reason)
    {
        if (IsPlatform(key.TenantId))
        {
            return;
        }

        events.Publish(new SecurityEvent
        {
            Type = SecurityEventType.DataKeyRevoked,
            Timestamp = timeProvider.GetUtcNow(),
            TenantId = key.TenantId,
            Resource = Resource(key.TenantId, key.KeyId),
            Reason = reason,
            Properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["data_class"] = ClassName(key.DataClass) },
        });
    }

    public static bool IsPlatform(string tenantId) => PlatformKeys.IsPlatform(tenantId);

    private static string Resource(string tenantId, Guid keyId) =>
        (IsPlatform(tenantId) ? "platform-key:" : "key:") + keyId.ToString("D", CultureInfo.InvariantCulture);

    private static string ClassName(DataClass dataClass) => dataClass.ToString().ToLowerInvariant();

    private static string StateName(DataKeyState state) => state.ToString().ToLowerInvariant();

    private static string ReasonName(KeyRotationReason reason) => reason switch
    {
        KeyRotationReason.Schedule => "schedule",
        KeyRotationReason.UseCount => "use_count",
        _ => "manual",
    };
}
