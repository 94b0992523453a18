using System.Security.Cryptography;
using TekUp.Security.Cryptography.Internal;

namespace TekUp.Security.Cryptography;

/// <summary>
/// A 256-bit AES-GCM data key with its id, used by <see cref="Envelope"/>. The material is copied into a pinned
/// array that the garbage collector never moves or copies, and is zeroed by <see cref="Dispose"/>.
/// </summary>
/// <remarks>
/// <para>
/// Encryption and decryption are thread-safe: the key keeps a small pool of <see cref="AesGcm"/> instances
/// (an <see cref="AesGcm"/> instance is not safe for concurrent use), created on demand and disposed with the key.
/// The key-commitment value stored in every envelope is computed once, when the key is created.
/// </para>
/// <para>
/// Dispose the key when it is no longer needed (for example when a key cache evicts it). Using a key while another
/// thread disposes it is a bug in the caller; such a call either completes normally or throws
/// <see cref="ObjectDisposedException"/>, and never encrypts under zeroed material.
/// </para>
/// </remarks>
public sealed class AeadKey : IDisposable
{
    /// <summary>The size of the key material: 32 bytes (AES-256).</summary>
    public const int KeySizeInBytes = 32;

    /// <summary>The size of the key-commitment value stored in every envelope: 32 bytes (HMAC-SHA256).</summary>
    public const int CommitmentSizeInBytes = 32;

    /// <summary>The largest subkey <see cref="DeriveSubkey"/> can produce: 255 × 32 bytes (HKDF-SHA256).</summary>
    public const int MaxSubkeySizeInBytes = 255 * 32;

    private const int TagSizeInBytes = 16;

    private static ReadOnlySpan<byte> CommitmentLabel => "TekUp.Security/commitment/v1"u8;

    private readonly byte[] _material;
    private readonly byte[] _commitment;
    private readonly byte[] _keyIdBytes;
    private readonly AesGcm?[] _ciphers;
    private readonly Lock _gate = new();
    private volatile bool _disposed;

    /// <summary>Creates a key from existing material, which is copied.</summary>
    /// <param name="keyId">The key's id, written into every envelope. Must not be <see cref="Guid.Empty"/>.</param>
    /// <param name="keyMaterial">Exactly <see cref="KeySizeInBytes"/> bytes of secret, uniformly random material.</param>
    /// <exception cref="ArgumentException">The key id is empty or the material is not 32 bytes long.</exception>
    public AeadKey(Guid keyId, ReadOnlySpan<byte> keyMaterial)
    {
        if (keyId == Guid.Empty)
        {
            throw Errors.EmptyKeyId(nameof(keyId));
        }

        if (keyMaterial.Length != KeySizeInBytes)
        {
            throw Errors.KeyMaterialLength(nameof(keyMaterial), keyMaterial.Length);
        }

        KeyId = keyId;
        _keyIdBytes = keyId.ToByteArray(bigEndian: true);
        _material = GC.AllocateArray<byte>(KeySizeInBytes, pinned: true);
        keyMaterial.CopyTo(_material);
        _commitment = HMACSHA256.HashData(_material, CommitmentLabel);
        _ciphers = new AesGcm?[Math.Clamp(Environment.ProcessorCount, 2, 16)];
    }

    /// <summary>Creates a key with fresh material from <see cref="RandomNumberGenerator"/>.</summary>
    /// <param name="keyId">The key's id. Must not be <see cref="Guid.Empty"/>.</param>
    /// <returns>The new key; the caller owns it and must dispose it.</returns>
    public static AeadKey Generate(Guid keyId)
    {
        Span<byte> material = stackalloc byte[KeySizeInBytes];
        try
        {
            RandomNumberGenerator.Fill(material);
            return new AeadKey(keyId, material);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    /// <summary>The key's id, written into every envelope the key encrypts.</summary>
    public Guid KeyId { get; }

    /// <summary>Whether <see cref="Dispose"/> has been called and the material zeroed.</summary>
    public bool IsDisposed => _disposed;

    /// <summary>The key-commitment value, HMAC-SHA256(material, "TekUp.Security/commitment/v1"). Not secret.</summary>
    internal ReadOnlySpan<byte> Commitment => _commitment;

    /// <summary>The key id in RFC 9562 (big-endian) byte order, as written into envelopes.</summary>
    internal ReadOnlySpan<byte> KeyIdBytes => _keyIdBytes;

    /// <summary>
    /// Derives a subkey for another purpose with HKDF-SHA256 (RFC 5869): input key material = this key,
    /// no salt, info = <paramref name="purpose"/>. Used for example for per-tenant JWT signing keys.
    /// The same key and purpose always give the same subkey; different purposes give independent subkeys.
    /// </summary>
    /// <param name="purpose">A non-empty, fixed label naming the use, e.g. <c>"TekUp.Security/jwt/v1"u8</c>.</param>
    /// <param name="destination">Receives the subkey: 1 to <see cref="MaxSubkeySizeInBytes"/> bytes.</param>
    /// <exception cref="ArgumentException">The purpose is empty or the destination length is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The key has been disposed.</exception>
    public void DeriveSubkey(ReadOnlySpan<byte> purpose, Span<byte> destination)
    {
        if (purpose.IsEmpty)
        {
            throw Errors.EmptyPurpose(nameof(purpose));
        }

        if (destination.IsEmpty || destination.Length > MaxSubkeySizeInBytes)
        {
            throw Errors.DerivedKeyLength(nameof(destination), MaxSubkeySizeInBytes);
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            HKDF.DeriveKey(HashAlgorithmName.SHA256, _material, destination, salt: default, info: purpose);
        }
    }

    /// <summary>
    /// Copies the raw key material into <paramref name="destination"/> (its first <see cref="KeySizeInBytes"/> bytes).
    /// </summary>
    /// <remarks>
    /// <b>Dangerous.</b> This exists only so that key management can wrap the key under a key-encryption key.
    /// Anyone holding the copy can decrypt every envelope of this key and forge new ones. Keep the copy in a
    /// short-lived (preferably stack or pinned) buffer, never log, persist or send it unwrapped, and zero it with
    /// <see cref="CryptographicOperations.ZeroMemory"/> as soon as it has been wrapped.
    /// </remarks>
    /// <param name="destination">At least <see cref="KeySizeInBytes"/> bytes.</param>
    /// <exception cref="ArgumentException">The destination is shorter than 32 bytes.</exception>
    /// <exception cref="ObjectDisposedException">The key has been disposed.</exception>
    public void CopyMaterialTo(Span<byte> destination)
    {
        if (destination.Length < KeySizeInBytes)
        {
            throw Errors.DestinationTooShort(nameof(destination), KeySizeInBytes, destination.Length);
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _material.CopyTo(destination);
        }
    }

    /// <summary>
    /// Zeroes the key material and disposes the cached <see cref="AesGcm"/> instances. Calling it more than once is harmless.
    /// </summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            CryptographicOperations.ZeroMemory(_material);
        }

        DrainCiphers();
    }

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    /// <summary>Takes an <see cref="AesGcm"/> for this key for the calling thread's exclusive use.</summary>
    internal AesGcm RentCipher()
    {
        var ciphers = _ciphers;
        for (var i = 0; i < ciphers.Length; i++)
        {
            var cipher = Interlocked.Exchange(ref ciphers[i], null);
            if (cipher is not null)
            {
                return cipher;
            }
        }

        // Creation reads the material, so it is serialised with Dispose, which zeroes it.
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return new AesGcm(_material, TagSizeInBytes);
        }
    }

    /// <summary>Gives back an instance taken with <see cref="RentCipher"/>.</summary>
    internal void ReturnCipher(AesGcm cipher)
    {
        var ciphers = _ciphers;
        for (var i = 0; i < ciphers.Length; i++)
        {
            if (Interlocked.CompareExchange(ref ciphers[i], cipher, null) is null)
            {
                // Dispose sets the flag before it drains; a cipher returned after the drain is drained here.
                if (_disposed)
                {
                    DrainCiphers();
                }

                return;
            }
        }

        cipher.Dispose();
    }

    private void DrainCiphers()
    {
        var ciphers = _ciphers;
        for (var i = 0; i < ciphers.Length; i++)
        {
            Interlocked.Exchange(ref ciphers[i], null)?.Dispose();
        }
    }
}
