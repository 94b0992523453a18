using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TekUp.Security.Internal;

namespace TekUp.Security.Auditing;

/// <summary>
/// The default <see cref="IAuditKeyProvider"/>: HMAC-SHA256 keys from <see cref="AuditTrailOptions"/>. When no key is
/// configured it generates ephemeral random keys and logs a warning. Also usable by hand to verify an export offline:
/// <c>new OptionsAuditKeyProvider(Options.Create(new AuditTrailOptions { SigningKey = ... }))</c>.
/// Key material is zeroed on dispose.
/// </summary>
public sealed class OptionsAuditKeyProvider : IAuditKeyProvider, IAuditKeyDirectory, IDisposable
{
    /// <summary>The smallest accepted key, in bytes.</summary>
    public const int MinimumKeyBytes = 32;

    private readonly string _signingKeyId;
    private readonly byte[] _signingKey;
    private readonly byte[] _pseudonymKey;
    private readonly Dictionary<string, byte[]> _verificationKeys = new(StringComparer.Ordinal);

    // One keyed HMAC context per thread: pseudonyms are computed on every append, and setting up the key per call
    // costs more than the MAC itself.
    private readonly ThreadLocal<IncrementalHash> _pseudonymMac;
    private readonly ThreadLocal<IncrementalHash> _signingMac;
    private bool _disposed;

    /// <summary>Creates the provider from options.</summary>
    /// <param name="options">The audit trail options.</param>
    /// <param name="logger">Receives the warning about ephemeral keys.</param>
    /// <exception cref="ArgumentException">A configured key is not base64 of at least 32 bytes, or a key id is invalid.</exception>
    public OptionsAuditKeyProvider(IOptions<AuditTrailOptions> options, ILogger<OptionsAuditKeyProvider>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        var log = (ILogger?)logger ?? NullLogger.Instance;

        if (value.SigningKey is null)
        {
            _signingKeyId = "ephemeral-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
            _signingKey = RandomNumberGenerator.GetBytes(MinimumKeyBytes);
            Log.EphemeralAuditSigningKey(log, _signingKeyId);
        }
        else
        {
            _signingKeyId = RequireKeyId(value.SigningKeyId, nameof(AuditTrailOptions.SigningKeyId));
            _signingKey = DecodeKey(value.SigningKey, nameof(AuditTrailOptions.SigningKey));
        }

        _verificationKeys[_signingKeyId] = _signingKey;
        foreach (var (keyId, key) in value.PreviousSigningKeys)
        {
            var id = RequireKeyId(keyId, nameof(AuditTrailOptions.PreviousSigningKeys));
            if (!_verificationKeys.TryAdd(id, DecodeKey(key, $"{nameof(AuditTrailOptions.PreviousSigningKeys)}[{id}]")))
            {
                throw new ArgumentException($"Audit signing key id '{id}' is configured twice.", nameof(options));
            }
        }

        if (value.PseudonymKey is null)
        {
            _pseudonymKey = RandomNumberGenerator.GetBytes(MinimumKeyBytes);
            Log.EphemeralAuditPseudonymKey(log);
        }
        else
        {
            _pseudonymKey = DecodeKey(value.PseudonymKey, nameof(AuditTrailOptions.PseudonymKey));
        }

        _pseudonymMac = new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _pseudonymKey), trackAllValues: true);
        _signingMac = new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _signingKey), trackAllValues: true);
    }

    /// <summary>Whether the keys were generated because none were configured.</summary>
    public bool IsEphemeral => _signingKeyId.StartsWith("ephemeral-", StringComparison.Ordinal);

    /// <inheritdoc />
    public string Sign(ReadOnlySpan<byte> data, Span<byte> signature)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var hmac = _signingMac.Value!;
        hmac.AppendData(data);
        hmac.GetHashAndReset(signature);
        return _signingKeyId;
    }

    /// <inheritdoc />
    public bool Verify(string keyId, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (signature.Length != HMACSHA256.HashSizeInBytes || !_verificationKeys.TryGetValue(keyId, out var key))
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, data, expected);
        return CryptographicOperations.FixedTimeEquals(expected, signature);
    }

    /// <inheritdoc />
    public string Pseudonymize(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var length = Encoding.UTF8.GetByteCount(subject);
        byte[]? rented = null;
        var buffer = length <= 512 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        try
        {
            Encoding.UTF8.GetBytes(subject, buffer);
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            var hmac = _pseudonymMac.Value!;
            hmac.AppendData(buffer);
            hmac.GetHashAndReset(mac);
            return Base64Url.EncodeToString(mac);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <inheritdoc />
    public bool ContainsSigningKey(string keyId)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        return _verificationKeys.ContainsKey(keyId);
    }

    /// <summary>Zeroes the key material.</summary>
    public void Dispose()
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

        CryptographicOperations.ZeroMemory(_pseudonymKey);
        foreach (var mac in new[] { _pseudonymMac, _signingMac })
        {
            foreach (var hmac in mac.Values)
            {
                hmac.Dispose();
            }

            mac.Dispose();
        }
    }

    internal static bool TryDecodeKey(string? base64, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(base64))
        {
            return false;
        }

        var buffer = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64.Trim(), buffer, out var written) || written < MinimumKeyBytes)
        {
            CryptographicOperations.ZeroMemory(buffer);
            return false;
        }

        key = buffer.AsSpan(0, written).ToArray();
        CryptographicOperations.ZeroMemory(buffer);
        return true;
    }

    private static byte[] DecodeKey(string base64, string name) =>
        TryDecodeKey(base64, out var key)
            ? key
            : throw new ArgumentException($"{name} must be base64 of at least {MinimumKeyBytes} bytes.", nameof(base64));

    private static string RequireKeyId(string? keyId, string name) =>
        Identifiers.IsValidName(keyId)
            ? keyId!
            : throw new ArgumentException($"{name} must be 1-64 characters of letters, digits, '.', '-' or '_'.", nameof(keyId));
}
