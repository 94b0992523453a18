using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TekUp.Security.KeyManagement.Internal;

namespace TekUp.Security.KeyManagement;

/// <summary>
/// The built-in key-encryption key: a local 256-bit master key from <see cref="KeyManagementOptions.MasterKey"/>,
/// the <c>TEKUP_MASTER_KEY</c> environment variable or a key file, with earlier master keys kept for unwrapping
/// during a rotation. Wrapping is AES-256-GCM under a key derived from the master key with HKDF-SHA256; the
/// additional authenticated data binds the KEK id, tenant, data class and data-key id. Wrapped form:
/// <c>0x01 | nonce (12) | ciphertext | tag (16)</c>.
/// </summary>
public sealed class LocalMasterKeyProvider : IKeyEncryptionKeyProvider, IDisposable
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int Overhead = 1 + NonceSize + TagSize;
    private static readonly byte[] AadLabel = Encoding.ASCII.GetBytes("TekUp.Security.KeyWrap.v1");

    private readonly Lazy<MasterKeySet> _keys;
    private bool _disposed;

    /// <summary>Creates the provider. Master keys are read (and a development key file generated) on first use.</summary>
    /// <param name="options">The module options.</param>
    /// <param name="timeProvider">The clock, for the generated file's header.</param>
    /// <param name="logger">The logger.</param>
    public LocalMasterKeyProvider(IOptions<KeyManagementOptions> options, TimeProvider timeProvider, ILogger<LocalMasterKeyProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _keys = new(() => Load(options.Value, timeProvider, logger), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <inheritdoc />
    public string CurrentKeyId => Keys.CurrentId;

    private MasterKeySet Keys
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _keys.Value;
        }
    }

    /// <inheritdoc />
    public ValueTask<WrappedKey> WrapKeyAsync(ReadOnlyMemory<byte> keyMaterial, KeyWrapContext context, CancellationToken cancellationToken = default)
    {
        if (keyMaterial.IsEmpty)
        {
            throw new ArgumentException("Key material must not be empty.", nameof(keyMaterial));
        }

        var keys = Keys;
        var kekId = keys.CurrentId;
        keys.TryGetWrappingKey(kekId, out var wrappingKey);
        var output = new byte[Overhead + keyMaterial.Length];
        output[0] = FormatVersion;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(wrappingKey, TagSize))
        {
            aes.Encrypt(nonce, keyMaterial.Span, output.AsSpan(1 + NonceSize, keyMaterial.Length), output.AsSpan(1 + NonceSize + keyMaterial.Length), BuildAad(kekId, context));
        }

        return ValueTask.FromResult(new WrappedKey(kekId, output));
    }

    /// <inheritdoc />
    public ValueTask<byte[]> UnwrapKeyAsync(WrappedKey wrappedKey, KeyWrapContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wrappedKey);
        var input = wrappedKey.Ciphertext;
        if (input is null || input.Length <= Overhead || input[0] != FormatVersion)
        {
            throw new CryptographicException("The wrapped key is malformed or of an unknown format version.");
        }

        if (!Keys.TryGetWrappingKey(wrappedKey.KeyEncryptionKeyId, out var wrappingKey))
        {
            throw new CryptographicException(
                $"The master key '{wrappedKey.KeyEncryptionKeyId}' that wrapped this data key is not configured. Add it to KeyManagement:PreviousMasterKeys until the key-encryption key rotation has rewrapped every data key.");
        }

        var length = input.Length - Overhead;
        var material = new byte[length];
        try
        {
            using var aes = new AesGcm(wrappingKey, TagSize);
            aes.Decrypt(input.AsSpan(1, NonceSize), input.AsSpan(1 + NonceSize, length), input.AsSpan(1 + NonceSize + length), material, BuildAad(wrappedKey.KeyEncryptionKeyId, context));
        }
        catch (CryptographicException ex)
        {
            CryptographicOperations.ZeroMemory(material);
            throw new CryptographicException("The wrapped key failed authentication: it was altered, or it belongs to another key, tenant or data class.", ex);
        }

        return ValueTask.FromResult(material);
    }

    /// <summary>Zeroes the derived wrapping keys.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_keys.IsValueCreated)
        {
            _keys.Value.Dispose();
        }
    }

    private static MasterKeySet Load(KeyManagementOptions options, TimeProvider timeProvider, ILogger logger)
    {
        var problems = new List<string>();
        var keys = MasterKeyLoader.Load(options, generate: true, logger, timeProvider, problems);
        if (keys is null)
        {
            throw new InvalidOperationException("The local master key could not be loaded: " + string.Join(" ", problems));
        }

        Log.MasterKeysLoaded(logger, keys.CurrentId, keys.Count);
        return keys;
    }

    /// <summary>label | 0x00 | u16 len | KEK id | u16 len | tenant | u32 data class | key id (16, big-endian).</summary>
    private static byte[] BuildAad(string kekId, KeyWrapContext context)
    {
        ArgumentException.ThrowIfNullOrEmpty(context.TenantId);
        var kekBytes = Encoding.UTF8.GetBytes(kekId);
        var tenantBytes = Encoding.UTF8.GetBytes(context.TenantId);
        if (kekBytes.Length > ushort.MaxValue || tenantBytes.Length > ushort.MaxValue)
        {
            throw new ArgumentException("The key-encryption key id or tenant id is too long.");
        }

        var aad = new byte[AadLabel.Length + 1 + 2 + kekBytes.Length + 2 + tenantBytes.Length + 4 + 16];
        var span = aad.AsSpan();
        AadLabel.CopyTo(span);
        span = span[(AadLabel.Length + 1)..];
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)kekBytes.Length);
        kekBytes.CopyTo(span[2..]);
        span = span[(2 + kekBytes.Length)..];
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)tenantBytes.Length);
        tenantBytes.CopyTo(span[2..]);
        span = span[(2 + tenantBytes.Length)..];
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)context.DataClass);
        context.KeyId.TryWriteBytes(span[4..], bigEndian: true, out _);
        return aad;
    }
}
