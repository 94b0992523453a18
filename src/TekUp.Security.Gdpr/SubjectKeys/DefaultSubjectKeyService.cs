using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using TekUp.Security.Cryptography;
using TekUp.Security.DataClasses;
using TekUp.Security.Gdpr.Internal;
using TekUp.Security.KeyManagement;
using TekUp.Security.Storage;

namespace TekUp.Security.Gdpr;

/// <summary>Per-subject keys wrapped by the KEK; the material is unwrapped per operation and zeroed after it.</summary>
internal sealed class DefaultSubjectKeyService(
    ISubjectKeyStore store,
    IKeyEncryptionKeyProvider kek,
    SubjectReferences references,
    GdprAudit audit,
    TimeProvider time,
    ILogger<DefaultSubjectKeyService> logger) : ISubjectKeyService
{
    public async Task<byte[]> EncryptAsync(string tenantId, string subjectId, ReadOnlyMemory<byte> plaintext, ReadOnlyMemory<byte> context = default, CancellationToken cancellationToken = default)
    {
        GdprNames.CheckTenant(tenantId);
        GdprNames.CheckSubject(subjectId);
        var encryptionContext = new EncryptionContext(tenantId, DataClass.Personal, context);
        var reference = references.For(tenantId, subjectId);
        var record = await store.FindActiveAsync(tenantId, reference, cancellationToken).ConfigureAwait(false)
            ?? await CreateAsync(tenantId, subjectId, reference, cancellationToken).ConfigureAwait(false);
        using var key = await UnwrapAsync(record, cancellationToken).ConfigureAwait(false);
        return Envelope.Encrypt(key, encryptionContext, plaintext.Span);
    }

    public async Task<byte[]> DecryptAsync(string tenantId, ReadOnlyMemory<byte> ciphertext, ReadOnlyMemory<byte> context = default, CancellationToken cancellationToken = default)
    {
        GdprNames.CheckTenant(tenantId);
        var encryptionContext = new EncryptionContext(tenantId, DataClass.Personal, context);
        if (!Envelope.TryReadKeyId(ciphertext.Span, out var keyId))
        {
            throw new CryptographicException("The ciphertext is not a TekUp envelope.");
        }

        var record = await store.FindAsync(tenantId, keyId, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyUnavailableException(tenantId, DataClass.Personal, keyId, KeyUnavailableReason.NotFound);
        if (record.DestroyedAt is not null || record.WrappedKey is null)
        {
            throw new KeyUnavailableException(tenantId, DataClass.Personal, keyId, KeyUnavailableReason.Destroyed);
        }

        using var key = await UnwrapAsync(record, cancellationToken).ConfigureAwait(false);
        return Envelope.Decrypt(key, encryptionContext, ciphertext.Span);
    }

    public async Task<string> EncryptStringAsync(string tenantId, string subjectId, string plaintext, string? context = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var envelope = await EncryptAsync(tenantId, subjectId, Encoding.UTF8.GetBytes(plaintext), ContextBytes(context), cancellationToken).ConfigureAwait(false);
        return Base64Url.EncodeToString(envelope);
    }

    public async Task<string> DecryptStringAsync(string tenantId, string ciphertext, string? context = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        byte[] envelope;
        try
        {
            envelope = Base64Url.DecodeFromChars(ciphertext);
        }
        catch (FormatException ex)
        {
            throw new CryptographicException("The ciphertext is not base64url.", ex);
        }

        var plaintext = await DecryptAsync(tenantId, envelope, ContextBytes(context), cancellationToken).ConfigureAwait(false);
        try
        {
            return new UTF8Encoding(false, true).GetString(plaintext);
        }
        catch (DecoderFallbackException ex)
        {
            throw new CryptographicException("The plaintext is not UTF-8 text.", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    public async Task<bool> DestroyAsync(string tenantId, string subjectId, CancellationToken cancellationToken = default)
    {
        GdprNames.CheckTenant(tenantId);
        GdprNames.CheckSubject(subjectId);
        var record = await store.FindActiveAsync(tenantId, references.For(tenantId, subjectId), cancellationToken).ConfigureAwait(false);
        if (record is null || !await store.DestroyAsync(tenantId, record.KeyId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        Log.SubjectKeyDestroyed(logger, tenantId, record.KeyId);
        await audit.AppendAsync("gdpr.subject_key.destroyed", tenantId, subjectId, "subject-key:" + record.KeyId.ToString("N"), cancellationToken: cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<SubjectKeyRecord> CreateAsync(string tenantId, string subjectId, string reference, CancellationToken cancellationToken)
    {
        var keyId = Guid.CreateVersion7(time.GetUtcNow());
        var material = new byte[AeadKey.KeySizeInBytes];
        RandomNumberGenerator.Fill(material);
        try
        {
            var wrapped = await kek.WrapKeyAsync(material, new KeyWrapContext(tenantId, DataClass.Personal, keyId), cancellationToken).ConfigureAwait(false);
            var record = new SubjectKeyRecord
            {
                TenantId = tenantId,
                KeyId = keyId,
                SubjectReference = reference,
                KeyEncryptionKeyId = wrapped.KeyEncryptionKeyId,
                WrappedKey = wrapped.Ciphertext,
                CreatedAt = time.GetUtcNow(),
            };
            try
            {
                await store.CreateAsync(record, cancellationToken).ConfigureAwait(false);
            }
            catch (DuplicateRecordException)
            {
                // Another caller created the subject's key at the same moment: use theirs, so there is exactly one.
                return await store.FindActiveAsync(tenantId, reference, cancellationToken).ConfigureAwait(false)
                    ?? throw new TekUpStorageException("The subject key was created and destroyed concurrently; retry.");
            }

            await audit.AppendAsync("gdpr.subject_key.created", tenantId, subjectId, "subject-key:" + keyId.ToString("N"), cancellationToken: cancellationToken).ConfigureAwait(false);
            return record;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    private async Task<AeadKey> UnwrapAsync(SubjectKeyRecord record, CancellationToken cancellationToken)
    {
        var material = await kek.UnwrapKeyAsync(
            new WrappedKey(record.KeyEncryptionKeyId, record.WrappedKey!),
            new KeyWrapContext(record.TenantId, DataClass.Personal, record.KeyId),
            cancellationToken).ConfigureAwait(false);
        try
        {
            return new AeadKey(record.KeyId, material);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(material);
        }
    }

    private static ReadOnlyMemory<byte> ContextBytes(string? context) => context is null ? default : Encoding.UTF8.GetBytes(context);
}
