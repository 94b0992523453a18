using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TekUp.Security.DataClasses;
using TekUp.Security.KeyManagement.Internal;
using TekUp.Security.Storage;

namespace TekUp.Security.KeyManagement;

/// <summary>
/// <see cref="IKeyManager"/>: every change goes to the store first (the source of truth, with optimistic
/// concurrency), then to this instance's cache, then to the audit trail.
/// </summary>
internal sealed class DefaultKeyManager(
    IDataKeyStore store,
    DefaultKeyRing ring,
    DataKeyLifecycle lifecycle,
    KeyAuditor auditor,
    IKeyEncryptionKeyProvider keyEncryptionKeys,
    IOptions<KeyManagementOptions> options,
    TimeProvider timeProvider,
    ILogger<DefaultKeyManager> logger) : IKeyManager
{
    private const int MaxAttempts = 5;

    public async Task<DataKeyInfo> EnsureActiveKeyAsync(string tenantId, DataClass dataClass, CancellationToken cancellationToken = default)
    {
        Validate(tenantId, dataClass);
        var entry = await ring.AcquireActiveAsync(tenantId, dataClass, cancellationToken).ConfigureAwait(false);
        var keyId = entry.KeyId;
        entry.Release();
        var record = await store.FindAsync(tenantId, keyId, cancellationToken).ConfigureAwait(false);
        return record?.ToInfo() ?? throw Errors.KeyRaceNotSettled(tenantId, dataClass);
    }

    public async Task<DataKeyInfo> RotateAsync(string tenantId, DataClass dataClass, CancellationToken cancellationToken = default)
    {
        Validate(tenantId, dataClass);
        var outcome = await ring.RotateAsync(tenantId, dataClass, null, KeyRotationReason.Manual, cancellationToken).ConfigureAwait(false);
        return outcome.Active?.ToInfo() ?? throw Errors.KeyRaceNotSettled(tenantId, dataClass);
    }

    public Task<DataKeyInfo?> RevokeAsync(string tenantId, Guid keyId, CancellationToken cancellationToken = default)
    {
        TenantIds.ThrowIfInvalid(tenantId);
        return ChangeStateAsync(tenantId, keyId, DataKeyState.Revoked, cancellationToken);
    }

    public Task<DataKeyInfo?> DestroyAsync(string tenantId, Guid keyId, CancellationToken cancellationToken = default)
    {
        TenantIds.ThrowIfInvalid(tenantId);
        return ChangeStateAsync(tenantId, keyId, DataKeyState.Destroyed, cancellationToken);
    }

    public async Task<IReadOnlyList<DataKeyInfo>> DestroyAllAsync(string tenantId, DataClass? dataClass = null, CancellationToken cancellationToken = default)
    {
        TenantIds.ThrowIfInvalid(tenantId);
        if (dataClass is { } value)
        {
            Errors.ThrowIfUndefined(value);
        }

        var destroyed = new List<DataKeyInfo>();
        foreach (var key in await ListRecordsAsync(store.ListAsync(tenantId, cancellationToken)).ConfigureAwait(false))
        {
            if (key.State != DataKeyState.Destroyed && (dataClass is null || key.DataClass == dataClass))
            {
                var result = await ChangeStateAsync(tenantId, key.KeyId, DataKeyState.Destroyed, cancellationToken).ConfigureAwait(false);
                if (result is not null)
                {
                    destroyed.Add(result);
                }
            }
        }

        return destroyed;
    }

    public async Task<IReadOnlyList<KeyRotation>> RotateDueKeysAsync(CancellationToken cancellationToken = default)
    {
        await ring.FlushAllUsesAsync(cancellationToken).ConfigureAwait(false);
        var settings = options.Value;
        var now = timeProvider.GetUtcNow();
        var rotations = new List<KeyRotation>();
        foreach (var key in await ListRecordsAsync(store.ListAllAsync(cancellationToken)).ConfigureAwait(false))
        {
            if (key.State != DataKeyState.Active || !PlatformKeys.RotatesOnSchedule(key.TenantId))
            {
                continue;
            }

            KeyRotationReason? reason = now - key.ActivatedAt >= settings.GetRotationPeriod(key.DataClass) ? KeyRotationReason.Schedule
                : key.UseCount >= settings.MaxKeyUses ? KeyRotationReason.UseCount
                : null;
            if (reason is null)
            {
                continue;
            }

            var outcome = await ring.RotateAsync(key.TenantId, key.DataClass, key.KeyId, reason.Value, cancellationToken).ConfigureAwait(false);
            if (outcome is { Previous: not null, Active: not null })
            {
                rotations.Add(new KeyRotation(key.TenantId, key.DataClass, outcome.Previous.KeyId, outcome.Active.KeyId, reason.Value));
            }
        }

        Log.DueKeysRotated(logger, rotations.Count);
        return rotations;
    }

    public async Task<string> RotateAuditSigningKeyAsync(CancellationToken cancellationToken = default)
    {
        var outcome = await lifecycle.RotateAsync(PlatformKeys.AuditSigning, DataClass.General, null, KeyRotationReason.Manual, cancellationToken).ConfigureAwait(false);
        outcome.Key?.Dispose();
        return KeyManagementAuditKeyProvider.SigningKeyId(outcome.Active?.KeyId ?? throw Errors.KeyRaceNotSettled(PlatformKeys.AuditSigning, DataClass.General));
    }

    public async Task<KeyEncryptionKeyRotationResult> RotateKeyEncryptionKeyAsync(CancellationToken cancellationToken = default)
    {
        var current = keyEncryptionKeys.CurrentKeyId;
        int rewrapped = 0, alreadyCurrent = 0;
        foreach (var key in await ListRecordsAsync(store.ListAllAsync(cancellationToken)).ConfigureAwait(false))
        {
            if (key.State == DataKeyState.Destroyed)
            {
                continue;
            }

            if (key.KeyEncryptionKeyId == current)
            {
                alreadyCurrent++;
            }
            else if (await RewrapAsync(key, current, cancellationToken).ConfigureAwait(false))
            {
                rewrapped++;
            }
        }

        Log.KeyEncryptionKeyRotated(logger, rewrapped, current);
        await auditor.KeyEncryptionKeyRotatedAsync(current, rewrapped, cancellationToken).ConfigureAwait(false);
        return new KeyEncryptionKeyRotationResult(current, rewrapped, alreadyCurrent);
    }

    public async Task<IReadOnlyList<DataKeyInfo>> ListKeysAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        TenantIds.ThrowIfInvalid(tenantId);
        return [.. (await ListRecordsAsync(store.ListAsync(tenantId, cancellationToken)).ConfigureAwait(false)).Select(k => k.ToInfo())];
    }

    /// <summary>Moves a key forward to Revoked or Destroyed, retrying when another writer changed it meanwhile.</summary>
    private async Task<DataKeyInfo?> ChangeStateAsync(string tenantId, Guid keyId, DataKeyState target, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var key = await store.FindAsync(tenantId, keyId, cancellationToken).ConfigureAwait(false);
            if (key is null)
            {
                return null;
            }

            if (key.State >= target)
            {
                return key.ToInfo();
            }

            var now = lifecycle.Now();
            var changed = target == DataKeyState.Destroyed
                ? key with { State = DataKeyState.Destroyed, WrappedKey = null, DestroyedAt = now }
                : key with { State = DataKeyState.Revoked, RevokedAt = now };
            DataKeyRecord updated;
            try
            {
                updated = await store.UpdateAsync(changed, cancellationToken).ConfigureAwait(false);
            }
            catch (ConcurrencyException)
            {
                continue;
            }

            var reason = target == DataKeyState.Destroyed ? KeyUnavailableReason.Destroyed : KeyUnavailableReason.Revoked;
            ring.Forget(tenantId, key.DataClass, keyId, reason);
            if (target == DataKeyState.Destroyed)
            {
                Log.DataKeyDestroyed(logger, keyId, tenantId);
                await auditor.DestroyedAsync(updated, key.State, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                Log.DataKeyRevoked(logger, keyId, tenantId);
                await auditor.RevokedAsync(updated, key.State, cancellationToken).ConfigureAwait(false);
            }

            return updated.ToInfo();
        }

        throw Errors.KeyChangedConcurrently(keyId);
    }

    /// <summary>Unwraps under the old KEK and wraps under the current one; the data key itself does not change.</summary>
    private async Task<bool> RewrapAsync(DataKeyRecord key, string current, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var context = new KeyWrapContext(key.TenantId, key.DataClass, key.KeyId);
            var material = await keyEncryptionKeys.UnwrapKeyAsync(new WrappedKey(key.KeyEncryptionKeyId, key.WrappedKey!), context, cancellationToken).ConfigureAwait(false);
            WrappedKey wrapped;
            try
            {
                wrapped = await keyEncryptionKeys.WrapKeyAsync(material, context, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(material);
            }

            try
            {
                var updated = await store.UpdateAsync(key with { WrappedKey = wrapped.Ciphertext, KeyEncryptionKeyId = wrapped.KeyEncryptionKeyId }, cancellationToken).ConfigureAwait(false);
                await auditor.RewrappedAsync(updated, key.KeyEncryptionKeyId, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (ConcurrencyException)
            {
                var reread = await store.FindAsync(key.TenantId, key.KeyId, cancellationToken).ConfigureAwait(false);
                if (reread is null || reread.State == DataKeyState.Destroyed || reread.KeyEncryptionKeyId == current)
                {
                    return false;
                }

                key = reread;
            }
        }

        throw Errors.KeyChangedConcurrently(key.KeyId);
    }

    private static void Validate(string tenantId, DataClass dataClass)
    {
        TenantIds.ThrowIfInvalid(tenantId);
        Errors.ThrowIfUndefined(dataClass);
    }

    private static async Task<List<DataKeyRecord>> ListRecordsAsync(IAsyncEnumerable<DataKeyRecord> source)
    {
        var keys = new List<DataKeyRecord>();
        await foreach (var key in source.ConfigureAwait(false))
        {
            keys.Add(key);
        }

        return keys;
    }
}
