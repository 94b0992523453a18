using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;
using TekUp.Security.Cryptography.Internal;

namespace TekUp.Security.Cryptography;

/// <summary>
/// AES-256-GCM envelope encryption in the TekUp.Security ciphertext format (see <c>docs/crypto-format.md</c>):
/// <c>version(1) | key id(16) | nonce(12) | key commitment(32) | ciphertext(n) | tag(16)</c>.
/// The additional authenticated data binds the header and the <see cref="EncryptionContext"/>, so decryption
/// requires the tenant, data class and caller context the data was encrypted for.
/// </summary>
/// <remarks>
/// Every envelope uses a fresh random 96-bit nonce. NIST SP 800-38D limits a key to 2^32 such messages; key
/// management rotates keys by use count far below that. All methods are thread-safe.
/// </remarks>
public static class Envelope
{
    /// <summary>The format version this library writes: 1.</summary>
    public const byte CurrentVersion = 1;

    private const int VersionOffset = 0;
    private const int KeyIdOffset = 1;
    private const int KeyIdSize = 16;
    private const int NonceOffset = KeyIdOffset + KeyIdSize;
    private const int NonceSize = 12;
    private const int CommitmentOffset = NonceOffset + NonceSize;
    private const int HeaderSize = CommitmentOffset + AeadKey.CommitmentSizeInBytes;
    private const int TagSize = 16;
    private const int OverheadSize = HeaderSize + TagSize;

    // u32 tenant length + tenant (at most 3 UTF-8 bytes per UTF-16 char) + u32 class + key id + u32 context length + context.
    private const int MaxAadSize = HeaderSize + 4 + (EncryptionContext.MaxTenantIdLength * 3) + 4 + KeyIdSize + 4 + EncryptionContext.MaxCallerContextLength;

    /// <summary>The bytes an envelope adds to its plaintext: 61 header bytes and a 16-byte tag (77 in format version 1).</summary>
    public static int Overhead => OverheadSize;

    /// <summary>The length of the envelope of a plaintext of <paramref name="plaintextLength"/> bytes.</summary>
    /// <param name="plaintextLength">The plaintext length, 0 or more.</param>
    /// <returns><paramref name="plaintextLength"/> + <see cref="Overhead"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The length is negative or the result would overflow.</exception>
    public static int GetCiphertextLength(int plaintextLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(plaintextLength);
        if (plaintextLength > int.MaxValue - OverheadSize)
        {
            throw Errors.PlaintextTooLong(nameof(plaintextLength));
        }

        return plaintextLength + OverheadSize;
    }

    /// <summary>
    /// The largest plaintext an envelope of <paramref name="ciphertextLength"/> bytes can hold: the length minus
    /// <see cref="Overhead"/>, or 0 when the envelope is shorter than the overhead (such an envelope never decrypts).
    /// Use it to size the destination of <see cref="Decrypt(AeadKey, in EncryptionContext, ReadOnlySpan{byte}, Span{byte})"/>.
    /// </summary>
    /// <param name="ciphertextLength">The envelope length, 0 or more.</param>
    /// <returns>A length of 0 or more.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The length is negative.</exception>
    public static int GetMaxPlaintextLength(int ciphertextLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ciphertextLength);
        return Math.Max(0, ciphertextLength - OverheadSize);
    }

    /// <summary>
    /// Reads the id of the key an envelope was encrypted under, so the caller can find the key. The id is not
    /// authenticated until the envelope is decrypted.
    /// </summary>
    /// <param name="ciphertext">The envelope.</param>
    /// <param name="keyId">The key id, or <see cref="Guid.Empty"/> when the method returns <see langword="false"/>.</param>
    /// <returns><see langword="false"/> when the input is too short or has an unknown version; never throws.</returns>
    public static bool TryReadKeyId(ReadOnlySpan<byte> ciphertext, out Guid keyId)
    {
        if (ciphertext.Length < OverheadSize || ciphertext[VersionOffset] != CurrentVersion)
        {
            keyId = Guid.Empty;
            return false;
        }

        keyId = new Guid(ciphertext.Slice(KeyIdOffset, KeyIdSize), bigEndian: true);
        return true;
    }

    /// <summary>Encrypts <paramref name="plaintext"/> into <paramref name="destination"/> without allocating.</summary>
    /// <param name="key">The data key.</param>
    /// <param name="context">Where the data belongs; decryption must present the same context.</param>
    /// <param name="plaintext">The data to encrypt; may be empty.</param>
    /// <param name="destination">At least <see cref="GetCiphertextLength"/> bytes, not overlapping the plaintext.</param>
    /// <returns>The number of bytes written: <see cref="GetCiphertextLength"/>(<paramref name="plaintext"/>.Length).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The context is <see langword="default"/>, or the destination is too short or overlaps.</exception>
    /// <exception cref="ObjectDisposedException">The key has been disposed.</exception>
    public static int Encrypt(AeadKey key, in EncryptionContext context, ReadOnlySpan<byte> plaintext, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(key);
        ValidateContext(in context);
        var length = GetCiphertextLength(plaintext.Length);
        if (destination.Length < length)
        {
            throw Errors.DestinationTooShort(nameof(destination), length, destination.Length);
        }

        if (plaintext.Overlaps(destination))
        {
            throw Errors.BuffersOverlap(nameof(destination));
        }

        key.ThrowIfDisposed();
        var envelope = destination[..length];
        var header = envelope[..HeaderSize];
        header[VersionOffset] = CurrentVersion;
        key.KeyIdBytes.CopyTo(header[KeyIdOffset..]);
        var nonce = header.Slice(NonceOffset, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        key.Commitment.CopyTo(header[CommitmentOffset..]);

        Span<byte> aad = stackalloc byte[GetAadLength(in context)];
        WriteAad(header, key.KeyIdBytes, in context, aad);

        var cipher = key.RentCipher();
        try
        {
            cipher.Encrypt(nonce, plaintext, envelope.Slice(HeaderSize, plaintext.Length), envelope[^TagSize..], aad);
        }
        finally
        {
            key.ReturnCipher(cipher);
        }

        return length;
    }

    /// <summary>Encrypts <paramref name="plaintext"/> into a new array.</summary>
    /// <param name="key">The data key.</param>
    /// <param name="context">Where the data belongs; decryption must present the same context.</param>
    /// <param name="plaintext">The data to encrypt; may be empty.</param>
    /// <returns>The envelope.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The context is <see langword="default"/>.</exception>
    /// <exception cref="ObjectDisposedException">The key has been disposed.</exception>
    public static byte[] Encrypt(AeadKey key, in EncryptionContext context, ReadOnlySpan<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(key);
        ValidateContext(in context);
        var envelope = new byte[GetCiphertextLength(plaintext.Length)];
        Encrypt(key, in context, plaintext, envelope);
        return envelope;
    }

    /// <summary>
    /// Authenticates and decrypts an envelope into <paramref name="destination"/> without allocating. Nothing is
    /// returned unless the envelope is intact, was encrypted under <paramref name="key"/> and for <paramref name="context"/>.
    /// </summary>
    /// <param name="key">The data key named by the envelope's key id.</param>
    /// <param name="context">The context the data was encrypted for.</param>
    /// <param name="ciphertext">The envelope.</param>
    /// <param name="destination">At least <see cref="GetMaxPlaintextLength"/> bytes, not overlapping the envelope.</param>
    /// <returns>The number of plaintext bytes written.</returns>
    /// <exception cref="CryptographicException">
    /// The envelope is truncated, has an unknown version, names another key, fails the key commitment, or fails
    /// authentication (altered, wrong key material, wrong tenant, class or caller context). When authentication fails,
    /// the bytes written to <paramref name="destination"/> are cleared; no unauthenticated plaintext is left behind.
    /// </exception>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The context is <see langword="default"/>, or the destination is too short or overlaps.</exception>
    /// <exception cref="ObjectDisposedException">The key has been disposed.</exception>
    public static int Decrypt(AeadKey key, in EncryptionContext context, ReadOnlySpan<byte> ciphertext, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(key);
        ValidateContext(in context);
        key.ThrowIfDisposed();
        var plaintextLength = CheckHeader(key, ciphertext);
        if (destination.Length < plaintextLength)
        {
            throw Errors.DestinationTooShort(nameof(destination), plaintextLength, destination.Length);
        }

        if (ciphertext.Overlaps(destination))
        {
            throw Errors.BuffersOverlap(nameof(destination));
        }

        var header = ciphertext[..HeaderSize];
        Span<byte> aad = stackalloc byte[GetAadLength(in context)];
        WriteAad(header, key.KeyIdBytes, in context, aad);

        var output = destination[..plaintextLength];
        var cipher = key.RentCipher();
        try
        {
            cipher.Decrypt(header.Slice(NonceOffset, NonceSize), ciphertext.Slice(HeaderSize, plaintextLength), ciphertext[^TagSize..], output, aad);
        }
        catch (AuthenticationTagMismatchException)
        {
            // AesGcm has already cleared the output.
            throw Errors.AuthenticationFailed();
        }
        finally
        {
            key.ReturnCipher(cipher);
        }

        return plaintextLength;
    }

    /// <summary>Authenticates and decrypts an envelope into a new array.</summary>
    /// <param name="key">The data key named by the envelope's key id.</param>
    /// <param name="context">The context the data was encrypted for.</param>
    /// <param name="ciphertext">The envelope.</param>
    /// <returns>The plaintext.</returns>
    /// <exception cref="CryptographicException">The envelope does not decrypt under this key and context (see the span overload).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The context is <see langword="default"/>.</exception>
    /// <exception cref="ObjectDisposedException">The key has been disposed.</exception>
    public static byte[] Decrypt(AeadKey key, in EncryptionContext context, ReadOnlySpan<byte> ciphertext)
    {
        ArgumentNullException.ThrowIfNull(key);
        ValidateContext(in context);
        key.ThrowIfDisposed();
        var plaintext = new byte[CheckHeader(key, ciphertext)];
        Decrypt(key, in context, ciphertext, plaintext);
        return plaintext;
    }

    /// <summary>Encrypts <paramref name="plaintext"/> and returns the envelope as unpadded base64url (RFC 4648 §5).</summary>
    /// <param name="key">The data key.</param>
    /// <param name="context">Where the data belongs; decryption must present the same context.</param>
    /// <param name="plaintext">The data to encrypt; may be empty.</param>
    /// <returns>The envelope in base64url, without padding; safe in URLs, file names, JSON and SQL text columns.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The context is <see langword="default"/>.</exception>
    /// <exception cref="ObjectDisposedException">The key has been disposed.</exception>
    public static string EncryptToBase64Url(AeadKey key, in EncryptionContext context, ReadOnlySpan<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(key);
        ValidateContext(in context);
        var length = GetCiphertextLength(plaintext.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Encrypt(key, in context, plaintext, buffer);
            return Base64Url.EncodeToString(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Decodes a base64url envelope made by <see cref="EncryptToBase64Url"/> and decrypts it.</summary>
    /// <param name="key">The data key named by the envelope's key id.</param>
    /// <param name="context">The context the data was encrypted for.</param>
    /// <param name="ciphertext">The envelope in base64url (padding is tolerated).</param>
    /// <returns>The plaintext.</returns>
    /// <exception cref="CryptographicException">The text is not base64url, or the envelope does not decrypt under this key and context.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> or <paramref name="ciphertext"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The context is <see langword="default"/>.</exception>
    /// <exception cref="ObjectDisposedException">The key has been disposed.</exception>
    public static byte[] DecryptFromBase64Url(AeadKey key, in EncryptionContext context, string ciphertext)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(ciphertext);
        ValidateContext(in context);
        if (!Base64Url.IsValid(ciphertext, out var decodedLength))
        {
            throw Errors.MalformedBase64Url();
        }

        var buffer = ArrayPool<byte>.Shared.Rent(decodedLength);
        try
        {
            var written = Base64Url.DecodeFromChars(ciphertext, buffer);
            return Decrypt(key, in context, buffer.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Checks length, version, key id and key commitment; returns the plaintext length.</summary>
    private static int CheckHeader(AeadKey key, ReadOnlySpan<byte> ciphertext)
    {
        if (ciphertext.Length < OverheadSize)
        {
            throw Errors.CiphertextTooShort();
        }

        if (ciphertext[VersionOffset] != CurrentVersion)
        {
            throw Errors.UnknownVersion(ciphertext[VersionOffset]);
        }

        if (!ciphertext.Slice(KeyIdOffset, KeyIdSize).SequenceEqual(key.KeyIdBytes)
            || !FixedTime.Equals32(ciphertext.Slice(CommitmentOffset, AeadKey.CommitmentSizeInBytes), key.Commitment))
        {
            throw Errors.WrongKey();
        }

        return ciphertext.Length - OverheadSize;
    }

    private static void ValidateContext(in EncryptionContext context)
    {
        if (!context.IsInitialized)
        {
            throw Errors.DefaultContext(nameof(context));
        }
    }

    private static int GetAadLength(in EncryptionContext context) =>
        HeaderSize + 4 + Encoding.UTF8.GetByteCount(context.TenantId) + 4 + KeyIdSize + 4 + context.CallerContext.Length;

    /// <summary>
    /// header || u32be len(tenant) || tenant UTF-8 || u32be data class || key id (16, big-endian) || u32be len(caller) || caller.
    /// Every variable field is length-prefixed, so no two contexts encode to the same bytes.
    /// </summary>
    private static void WriteAad(ReadOnlySpan<byte> header, ReadOnlySpan<byte> keyId, in EncryptionContext context, Span<byte> aad)
    {
        System.Diagnostics.Debug.Assert(aad.Length <= MaxAadSize, "The context limits bound the AAD size.");
        header.CopyTo(aad);
        var rest = aad[HeaderSize..];

        // The tenant id was checked to be well-formed UTF-16 when the context was created.
        Utf8.FromUtf16(context.TenantId, rest[4..], out _, out var tenantLength, replaceInvalidSequences: false);
        BinaryPrimitives.WriteUInt32BigEndian(rest, (uint)tenantLength);
        rest = rest[(4 + tenantLength)..];

        BinaryPrimitives.WriteUInt32BigEndian(rest, (uint)context.DataClass);
        keyId.CopyTo(rest[4..]);
        rest = rest[(4 + KeyIdSize)..];

        var caller = context.CallerContext.Span;
        BinaryPrimitives.WriteUInt32BigEndian(rest, (uint)caller.Length);
        caller.CopyTo(rest[4..]);
    }
}
