using System.Buffers.Text;
using System.Security.Cryptography;
using TekUp.Security.Cryptography;
using TekUp.Security.DataClasses;
using TekUp.Security.KeyManagement.Internal;

namespace TekUp.Security.KeyManagement;

/// <summary>
/// <see cref="IEncryptionService"/> over the key ring. With the key cached, encryption and decryption complete
/// synchronously: one leased cache lookup and one <see cref="Envelope"/> call.
/// </summary>
internal sealed class DefaultEncryptionService(DefaultKeyRing ring) : IEncryptionService
{
    public ValueTask<byte[]> EncryptAsync(string tenantId, DataClass dataClass, ReadOnlyMemory<byte> plaintext, ReadOnlyMemory<byte> context = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        if (ring.TryAcquireActive(tenantId, dataClass, out var entry))
        {
            var ciphertext = Encrypt(entry, tenantId, dataClass, plaintext.Span, context, out var flush);
            return flush ? FlushThenReturnAsync(entry, ciphertext, cancellationToken) : ValueTask.FromResult(ciphertext);
        }

        return EncryptSlowAsync(tenantId, dataClass, plaintext, context, cancellationToken);
    }

    public ValueTask<byte[]> DecryptAsync(string tenantId, DataClass dataClass, ReadOnlyMemory<byte> ciphertext, ReadOnlyMemory<byte> context = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        if (!Envelope.TryReadKeyId(ciphertext.Span, out var keyId))
        {
            throw Errors.NotAnEnvelope();
        }

        if (ring.TryAcquire(tenantId, dataClass, keyId, out var entry))
        {
            return ValueTask.FromResult(Decrypt(entry, tenantId, dataClass, ciphertext.Span, context));
        }

        return DecryptSlowAsync(tenantId, dataClass, keyId, ciphertext, context, cancellationToken);
    }

    public async ValueTask<string> EncryptToBase64UrlAsync(string tenantId, DataClass dataClass, ReadOnlyMemory<byte> plaintext, ReadOnlyMemory<byte> context = default, CancellationToken cancellationToken = default) =>
        Base64Url.EncodeToString(await EncryptAsync(tenantId, dataClass, plaintext, context, cancellationToken).ConfigureAwait(false));

    public ValueTask<byte[]> DecryptFromBase64UrlAsync(string tenantId, DataClass dataClass, string ciphertext, ReadOnlyMemory<byte> context = default, CancellationToken cancellationToken = default) =>
        DecryptAsync(tenantId, dataClass, FromBase64Url(ciphertext), context, cancellationToken);

    public async ValueTask<ReEncryptionResult> ReEncryptAsync(string tenantId, DataClass dataClass, ReadOnlyMemory<byte> ciphertext, ReadOnlyMemory<byte> context = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        if (!Envelope.TryReadKeyId(ciphertext.Span, out var keyId))
        {
            throw Errors.NotAnEnvelope();
        }

        var plaintext = await DecryptSlowAsync(tenantId, dataClass, keyId, ciphertext, context, cancellationToken).ConfigureAwait(false);
        try
        {
            var active = await ring.AcquireActiveAsync(tenantId, dataClass, cancellationToken).ConfigureAwait(false);
            if (active.KeyId == keyId)
            {
                active.Release();
                return new ReEncryptionResult(ciphertext.ToArray(), keyId, keyId);
            }

            var moved = Encrypt(active, tenantId, dataClass, plaintext, context, out var flush);
            if (flush)
            {
                await ring.FlushUsesAsync(active, cancellationToken).ConfigureAwait(false);
            }

            return new ReEncryptionResult(moved, active.KeyId, keyId);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    public ValueTask<ReEncryptionResult> ReEncryptBase64UrlAsync(string tenantId, DataClass dataClass, string ciphertext, ReadOnlyMemory<byte> context = default, CancellationToken cancellationToken = default) =>
        ReEncryptAsync(tenantId, dataClass, FromBase64Url(ciphertext), context, cancellationToken);

    private async ValueTask<byte[]> EncryptSlowAsync(string tenantId, DataClass dataClass, ReadOnlyMemory<byte> plaintext, ReadOnlyMemory<byte> context, CancellationToken cancellationToken)
    {
        var entry = await ring.AcquireActiveAsync(tenantId, dataClass, cancellationToken).ConfigureAwait(false);
        var ciphertext = Encrypt(entry, tenantId, dataClass, plaintext.Span, context, out var flush);
        if (flush)
        {
            await ring.FlushUsesAsync(entry, cancellationToken).ConfigureAwait(false);
        }

        return ciphertext;
    }

    private async ValueTask<byte[]> DecryptSlowAsync(string tenantId, DataClass dataClass, Guid keyId, ReadOnlyMemory<byte> ciphertext, ReadOnlyMemory<byte> context, CancellationToken cancellationToken)
    {
        var entry = await ring.AcquireAsync(tenantId, dataClass, keyId, cancellationToken).ConfigureAwait(false);
        return Decrypt(entry, tenantId, dataClass, ciphertext.Span, context);
    }

    private async ValueTask<byte[]> FlushThenReturnAsync(CachedKey entry, byte[] ciphertext, CancellationToken cancellationToken)
    {
        await ring.FlushUsesAsync(entry, cancellationToken).ConfigureAwait(false);
        return ciphertext;
    }

    /// <summary>Encrypts with a leased entry, counts the use and releases the lease.</summary>
    private byte[] Encrypt(CachedKey entry, string tenantId, DataClass dataClass, ReadOnlySpan<byte> plaintext, ReadOnlyMemory<byte> context, out bool flush)
    {
        try
        {
            var ciphertext = Envelope.Encrypt(entry.Key, new EncryptionContext(tenantId, dataClass, context), plaintext);
            flush = ring.CountUse(entry);
            return ciphertext;
        }
        finally
        {
            entry.Release();
        }
    }

    /// <summary>Decrypts with a leased entry and releases the lease.</summary>
    private static byte[] Decrypt(CachedKey entry, string tenantId, DataClass dataClass, ReadOnlySpan<byte> ciphertext, ReadOnlyMemory<byte> context)
    {
        try
        {
            return Envelope.Decrypt(entry.Key, new EncryptionContext(tenantId, dataClass, context), ciphertext);
        }
        finally
        {
            entry.Release();
        }
    }

    private static byte[] FromBase64Url(string ciphertext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        try
        {
            return Base64Url.DecodeFromChars(ciphertext);
        }
        catch (FormatException ex)
        {
            throw new CryptographicException(Errors.NotBase64Url().Message, ex);
        }
    }
}
