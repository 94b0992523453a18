using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using TekUp.Security.Auditing;
using TekUp.Security.DataClasses;
using TekUp.Security.KeyManagement.Internal;

namespace TekUp.Security.KeyManagement;

/// <summary>
/// The audit trail's keys, backed by the key-encryption key: the checkpoint signing key and the pseudonym key are
/// platform data keys (see <see cref="PlatformKeys"/>), stored wrapped, rewrapped on KEK rotation, so they survive
/// restarts and KEK rotations. The HMAC keys are HKDF subkeys of those data keys, held in memory for the life of the
/// process (the trail uses them continuously) and zeroed on dispose.
/// </summary>
/// <remarks>
/// <para>
/// Signing key ids are <c>tekup-key-</c> + the data key id; a rotated signing key still verifies, a revoked or
/// destroyed one no longer does. The current signing key is re-read from the store every
/// <see cref="KeyManagementOptions.CacheLifetime"/>, so a rotation on another instance is picked up.
/// </para>
/// <para>
/// Compatibility with keys configured in <see cref="AuditTrailOptions"/>: <c>SigningKey</c> and
/// <c>PreviousSigningKeys</c> still verify the checkpoints they signed, and a configured <c>PseudonymKey</c> keeps
/// being used so that existing pseudonyms do not change.
/// </para>
/// <para>
/// <see cref="IAuditKeyProvider"/> is synchronous; a key load (first use, refresh, an old key id) blocks on the store
/// on a thread-pool thread. Lifecycle audit entries of platform keys are appended without waiting, since the trail
/// itself may be the caller.
/// </para>
/// </remarks>
internal sealed class KeyManagementAuditKeyProvider : IAuditKeyProvider, IAuditKeyDirectory, IDisposable
{
    public const string KeyIdPrefix = "tekup-key-";
    private const int HmacKeySize = 32;
    private static readonly byte[] SigningPurpose = Encoding.ASCII.GetBytes("TekUp.Security/audit-signing/v1");
    private static readonly byte[] PseudonymPurpose = Encoding.ASCII.GetBytes("TekUp.Security/audit-pseudonym/v1");

    private readonly IDataKeyStore _store;
    private readonly DataKeyLifecycle _lifecycle;
    private readonly TimeProvider _time;
    private readonly TimeSpan _refresh;
    private readonly ConcurrentDictionary<string, byte[]> _verificationKeys = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly byte[]? _configuredPseudonymKey;
    private SigningKey? _current;
    private byte[]? _pseudonymKey;
    private bool _disposed;

    public KeyManagementAuditKeyProvider(
        IDataKeyStore store,
        DataKeyLifecycle lifecycle,
        IOptions<AuditTrailOptions> auditOptions,
        IOptions<KeyManagementOptions> options,
        TimeProvider timeProvider)
    {
        _store = store;
        _lifecycle = lifecycle;
        _time = timeProvider;
        _refresh = options.Value.CacheLifetime;
        var audit = auditOptions.Value;
        if (TryDecode(audit.SigningKey, out var signingKey))
        {
            _verificationKeys[audit.SigningKeyId] = signingKey;
        }

        foreach (var (keyId, key) in audit.PreviousSigningKeys)
        {
            if (TryDecode(key, out var previous))
            {
                _verificationKeys.TryAdd(keyId, previous);
            }
        }

        _configuredPseudonymKey = TryDecode(audit.PseudonymKey, out var pseudonymKey) ? pseudonymKey : null;
    }

    public string Sign(ReadOnlySpan<byte> data, Span<byte> signature)
    {
        var current = CurrentSigningKey();
        HMACSHA256.HashData(current.Key, data, signature);
        return current.Id;
    }

    public bool Verify(string keyId, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        var key = FindVerificationKey(keyId);
        if (key is null || signature.Length != HMACSHA256.HashSizeInBytes)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, data, expected);
        return CryptographicOperations.FixedTimeEquals(expected, signature);
    }

    public bool ContainsSigningKey(string keyId)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        return FindVerificationKey(keyId) is not null;
    }

    public string Pseudonymize(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var key = PseudonymKey();
        var length = Encoding.UTF8.GetByteCount(subject);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(subject, rented);
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(key, rented.AsSpan(0, written), mac);
            return Base64Url.EncodeToString(mac);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(rented.AsSpan(0, length));
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var key in _verificationKeys.Values)
            {
                CryptographicOperations.ZeroMemory(key);
            }

            _verificationKeys.Clear();
            CryptographicOperations.ZeroMemory(_pseudonymKey);
            CryptographicOperations.ZeroMemory(_configuredPseudonymKey);
        }
    }

    /// <summary>The id under which a platform signing data key verifies.</summary>
    public static string SigningKeyId(Guid dataKeyId) => KeyIdPrefix + dataKeyId.ToString("N", CultureInfo.InvariantCulture);

    private SigningKey CurrentSigningKey()
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && _time.GetElapsedTime(current.LoadedAt) < _refresh)
        {
            return current;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            current = _current;
            if (current is not null && _time.GetElapsedTime(current.LoadedAt) < _refresh)
            {
                return current;
            }

            var (dataKeyId, key) = Run(ct => LoadActiveAsync(PlatformKeys.AuditSigning, SigningPurpose, ct));
            var id = SigningKeyId(dataKeyId);
            key = _verificationKeys.GetOrAdd(id, key);
            current = new SigningKey(id, key, _time.GetTimestamp());
            Volatile.Write(ref _current, current);
            return current;
        }
    }

    private byte[] PseudonymKey()
    {
        if (_configuredPseudonymKey is not null)
        {
            return _configuredPseudonymKey;
        }

        var key = Volatile.Read(ref _pseudonymKey);
        if (key is not null)
        {
            return key;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _pseudonymKey ??= Run(ct => LoadActiveAsync(PlatformKeys.AuditPseudonym, PseudonymPurpose, ct)).Key;
            return _pseudonymKey;
        }
    }

    private byte[]? FindVerificationKey(string keyId)
    {
        if (_verificationKeys.TryGetValue(keyId, out var key))
        {
            return key;
        }

        if (!keyId.StartsWith(KeyIdPrefix, StringComparison.Ordinal)
            || !Guid.TryParseExact(keyId.AsSpan(KeyIdPrefix.Length), "N", out var dataKeyId))
        {
            return null;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_verificationKeys.TryGetValue(keyId, out key))
            {
                return key;
            }

            key = Run(ct => LoadByIdAsync(dataKeyId, ct));
            if (key is not null)
            {
                _verificationKeys[keyId] = key;
            }

            return key;
        }
    }

    private async Task<(Guid KeyId, byte[] Key)> LoadActiveAsync(string platformId, byte[] purpose, CancellationToken cancellationToken)
    {
        var outcome = await _lifecycle.EnsureActiveAsync(platformId, DataClass.General, cancellationToken).ConfigureAwait(false);
        using var key = outcome.Key ?? await _lifecycle.UnwrapAsync(outcome.Active!, cancellationToken).ConfigureAwait(false);
        return (key.KeyId, Derive(key, purpose));
    }

    private async Task<byte[]?> LoadByIdAsync(Guid dataKeyId, CancellationToken cancellationToken)
    {
        var record = await _store.FindAsync(PlatformKeys.AuditSigning, dataKeyId, cancellationToken).ConfigureAwait(false);
        if (record is null || record.State is DataKeyState.Revoked or DataKeyState.Destroyed)
        {
            return null;
        }

        using var key = await _lifecycle.UnwrapAsync(record, cancellationToken).ConfigureAwait(false);
        return Derive(key, SigningPurpose);
    }

    private static byte[] Derive(Cryptography.AeadKey key, byte[] purpose)
    {
        var subkey = GC.AllocateArray<byte>(HmacKeySize, pinned: true);
        key.DeriveSubkey(purpose, subkey);
        return subkey;
    }

    /// <summary>Runs a store operation to completion from a synchronous caller, off any synchronization context.</summary>
    private static T Run<T>(Func<CancellationToken, Task<T>> operation) =>
        Task.Run(() => operation(CancellationToken.None)).GetAwaiter().GetResult();

    private static bool TryDecode(string? base64, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(base64))
        {
            return false;
        }

        var buffer = new byte[base64.Length];
        try
        {
            if (!Convert.TryFromBase64String(base64.Trim(), buffer, out var written) || written < HmacKeySize)
            {
                return false;
            }

            key = buffer[..written];
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    private sealed record SigningKey(string Id, byte[] Key, long LoadedAt);
}
