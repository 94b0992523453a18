using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using TekUp.Security.Cryptography;
using TekUp.Security.DataClasses;
using TekUp.Security.Storage;

namespace TekUp.Security.KeyManagement.Internal;

/// <summary>
/// Creates and rotates active keys against the store, settling races between instances: the store's unique
/// "one active key" rule decides the winner, and a loser re-reads and uses the winner's key instead of retrying
/// its own. Returns the freshly generated <see cref="AeadKey"/> when this call's key won, so the ring can cache
/// it without unwrapping it again.
/// </summary>
internal sealed class DataKeyLifecycle(
    IDataKeyStore store,
    IKeyEncryptionKeyProvider keyEncryptionKeys,
    KeyAuditor auditor,
    KeyManagementMetrics metrics,
    TimeProvider timeProvider,
    ILogger<DataKeyLifecycle> logger)
{
    private const int MaxAttempts = 5;

    /// <summary>Returns the active key, generating the first one when there is none.</summary>
    public async Task<KeyOutcome> EnsureActiveAsync(string tenantId, DataClass dataClass, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var active = await store.FindActiveAsync(tenantId, dataClass, cancellationToken).ConfigureAwait(false);
            if (active is not null)
            {
                return new(active, null, null);
            }

            var (record, key) = await GenerateAsync(tenantId, dataClass, cancellationToken).ConfigureAwait(false);
            try
            {
                var created = await store.CreateAsync(record, cancellationToken).ConfigureAwait(false);
                await GeneratedAsync(created, cancellationToken).ConfigureAwait(false);
                return new(created, key, null);
            }
            catch (DuplicateRecordException)
            {
                key.Dispose();
                Log.KeyRaceLost(logger, tenantId, dataClass);
            }
            catch
            {
                key.Dispose();
                throw;
            }
        }

        throw Errors.KeyRaceNotSettled(tenantId, dataClass);
    }

    /// <summary>
    /// Replaces the active key by a new one. With <paramref name="expectedKeyId"/>, rotates only while that key is
    /// still the active one (a scheduled or use-count rotation that another instance already did is not repeated).
    /// When another caller rotates at the same moment, returns the winner's key instead of rotating twice.
    /// </summary>
    public async Task<KeyOutcome> RotateAsync(string tenantId, DataClass dataClass, Guid? expectedKeyId, KeyRotationReason reason, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await store.FindActiveAsync(tenantId, dataClass, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return expectedKeyId is null ? await EnsureActiveAsync(tenantId, dataClass, cancellationToken).ConfigureAwait(false) : new(null, null, null);
            }

            if (expectedKeyId is { } expected && current.KeyId != expected)
            {
                return new(current, null, null);
            }

            var (replacement, key) = await GenerateAsync(tenantId, dataClass, cancellationToken).ConfigureAwait(false);
            var rotated = current with { State = DataKeyState.Rotated, RotatedAt = replacement.ActivatedAt };
            try
            {
                var created = await store.RotateAsync(rotated, replacement, cancellationToken).ConfigureAwait(false);
                Log.DataKeyRotated(logger, current.KeyId, created.KeyId, tenantId, dataClass, reason);
                metrics.Generated(dataClass);
                await auditor.RotatedAsync(current, created, reason, cancellationToken).ConfigureAwait(false);
                return new(created, key, current);
            }
            catch (Exception ex) when (ex is ConcurrencyException or DuplicateRecordException)
            {
                key.Dispose();
                Log.KeyRaceLost(logger, tenantId, dataClass);
                var now = await store.FindActiveAsync(tenantId, dataClass, cancellationToken).ConfigureAwait(false);
                if (now is not null && now.KeyId != current.KeyId)
                {
                    // Someone else rotated it at the same moment: that rotation stands for ours.
                    return new(now, null, null);
                }
            }
            catch
            {
                key.Dispose();
                throw;
            }
        }

        throw Errors.KeyRaceNotSettled(tenantId, dataClass);
    }

    /// <summary>Unwraps a stored key into an <see cref="AeadKey"/>; the plain material is zeroed before returning.</summary>
    public async Task<AeadKey> UnwrapAsync(DataKeyRecord record, CancellationToken cancellationToken)
    {
        var material = await keyEncryptionKeys.UnwrapKeyAsync(
            new WrappedKey(record.KeyEncryptionKeyId, record.WrappedKey ?? []),
            new KeyWrapContext(record.TenantId, record.DataClass, record.KeyId),
            cancellationToken).ConfigureAwait(false);
        try
        {
            return new AeadKey(record.KeyId, material);
        }
        catch (ArgumentException ex)
        {
            throw new CryptographicException($"Data key {record.KeyId} unwrapped to material of the wrong length.", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    /// <summary>Wraps a key's material under the current key-encryption key.</summary>
    public async Task<WrappedKey> WrapAsync(AeadKey key, string tenantId, DataClass dataClass, CancellationToken cancellationToken)
    {
        var material = GC.AllocateArray<byte>(AeadKey.KeySizeInBytes, pinned: true);
        try
        {
            key.CopyMaterialTo(material);
            return await keyEncryptionKeys.WrapKeyAsync(material, new KeyWrapContext(tenantId, dataClass, key.KeyId), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    /// <summary>The current time truncated to whole milliseconds, the precision every store keeps.</summary>
    public DateTimeOffset Now()
    {
        var now = timeProvider.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }

    private async Task<(DataKeyRecord Record, AeadKey Key)> GenerateAsync(string tenantId, DataClass dataClass, CancellationToken cancellationToken)
    {
        var key = AeadKey.Generate(Guid.NewGuid());
        try
        {
            var wrapped = await WrapAsync(key, tenantId, dataClass, cancellationToken).ConfigureAwait(false);
            var now = Now();
            var record = new DataKeyRecord
            {
                KeyId = key.KeyId,
                TenantId = tenantId,
                DataClass = dataClass,
                State = DataKeyState.Active,
                WrappedKey = wrapped.Ciphertext,
                KeyEncryptionKeyId = wrapped.KeyEncryptionKeyId,
                CreatedAt = now,
                ActivatedAt = now,
            };
            return (record, key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private async Task GeneratedAsync(DataKeyRecord created, CancellationToken cancellationToken)
    {
        Log.DataKeyGenerated(logger, created.KeyId, created.TenantId, created.DataClass);
        metrics.Generated(created.DataClass);
        await auditor.GeneratedAsync(created, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>
/// The active key after a create or rotate call: <see cref="Key"/> is the freshly generated key when this call's key
/// became active (the caller owns it), <see cref="Previous"/> the key it replaced. <see cref="Active"/> is
/// <see langword="null"/> only when an expected-key rotation found no active key.
/// </summary>
internal readonly record struct KeyOutcome(DataKeyRecord? Active, AeadKey? Key, DataKeyRecord? Previous);
