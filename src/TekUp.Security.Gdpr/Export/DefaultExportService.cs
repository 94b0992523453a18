using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TekUp.Security.Auditing;
using TekUp.Security.Cryptography;
using TekUp.Security.DataClasses;
using TekUp.Security.Events;
using TekUp.Security.Gdpr.Internal;
using TekUp.Security.KeyManagement;

namespace TekUp.Security.Gdpr;

/// <summary>
/// Exports encrypted at rest with the tenant's personal-data key, and signed links. A link token is base64url of
/// version (1 byte) | export id (16) | expiry in unix seconds (8, big-endian) | signing key id (16) | HMAC-SHA256 (32);
/// the HMAC covers a label, the tenant and the first 41 bytes, with a key derived (HKDF) from the tenant's personal-data
/// key named in the token, so rotation keeps issued links valid and another tenant's key cannot verify them.
/// </summary>
internal sealed class DefaultExportService(
    IExportStore store,
    IEncryptionService encryption,
    IKeyRing keyRing,
    GdprAudit audit,
    ISecurityEventPublisher events,
    IOptions<GdprOptions> options,
    TimeProvider time,
    ILogger<DefaultExportService> logger) : IExportService
{
    private const byte TokenVersion = 1;
    private const int SignedLength = 1 + 16 + 8 + 16;
    private const int TokenLength = SignedLength + 32;
    private static readonly byte[] LinkPurpose = "TekUp.Security/gdpr/export-link/v1"u8.ToArray();

    public async Task<Guid> CreateAsync(DataSubjectRequest request, IReadOnlyList<CollectedCategory> categories, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var exportId = Guid.CreateVersion7(now);
        var (bundle, manifestSha256, fileCount) = ExportBundleWriter.Write(exportId, request, now, categories);
        if (bundle.Length > options.Value.MaxExportBytes)
        {
            throw new InvalidOperationException($"The export of request {request.Id} is {bundle.Length} bytes, above GdprOptions.MaxExportBytes.");
        }

        var ciphertext = await encryption.EncryptAsync(request.TenantId, DataClass.Personal, bundle, BundleContext(exportId), cancellationToken).ConfigureAwait(false);
        CryptographicOperations.ZeroMemory(bundle);
        await store.CreateAsync(new ExportRecord
        {
            Id = exportId,
            TenantId = request.TenantId,
            RequestId = request.Id,
            CreatedAt = now,
            ExpiresAt = now + options.Value.ExportLinkLifetime,
            ManifestSha256 = manifestSha256,
            Ciphertext = ciphertext,
        }, cancellationToken).ConfigureAwait(false);
        Log.ExportCreated(logger, request.TenantId, exportId, fileCount, ciphertext.Length);
        await audit.RequestAsync("gdpr.export.created", request, actor: null, data: new() { ["export_id"] = exportId.ToString("N"), ["files"] = fileCount.ToString(CultureInfo.InvariantCulture) }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return exportId;
    }

    public async Task<ExportLink?> CreateLinkAsync(string tenantId, Guid exportId, CancellationToken cancellationToken = default)
    {
        GdprNames.CheckTenant(tenantId);
        var export = await store.FindAsync(tenantId, exportId, cancellationToken).ConfigureAwait(false);
        if (export is null || time.GetUtcNow() >= export.ExpiresAt)
        {
            return null;
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(export.ExpiresAt.ToUnixTimeSeconds());
        var token = new byte[TokenLength];
        token[0] = TokenVersion;
        exportId.TryWriteBytes(token.AsSpan(1, 16), bigEndian: true, out _);
        BinaryPrimitives.WriteInt64BigEndian(token.AsSpan(17, 8), expires.ToUnixTimeSeconds());
        var key = await keyRing.GetActiveKeyAsync(tenantId, DataClass.Personal, cancellationToken).ConfigureAwait(false);
        key.KeyId.TryWriteBytes(token.AsSpan(25, 16), bigEndian: true, out _);
        Sign(key, tenantId, token.AsSpan(0, SignedLength), token.AsSpan(SignedLength));
        return new ExportLink(exportId, Base64Url.EncodeToString(token), expires);
    }

    public async Task<ExportDownloadResult> DownloadAsync(string tenantId, string token, CancellationToken cancellationToken = default)
    {
        GdprNames.CheckTenant(tenantId);
        ArgumentNullException.ThrowIfNull(token);
        var bytes = new byte[TokenLength];
        if (token.Length > 200 || !Base64Url.TryDecodeFromChars(token, bytes, out var written) || written != TokenLength || bytes[0] != TokenVersion)
        {
            return await RefuseAsync(tenantId, ExportDownloadError.InvalidLink, Guid.Empty, cancellationToken).ConfigureAwait(false);
        }

        var exportId = new Guid(bytes.AsSpan(1, 16), bigEndian: true);
        var keyId = new Guid(bytes.AsSpan(25, 16), bigEndian: true);
        AeadKey key;
        try
        {
            key = await keyRing.GetKeyAsync(tenantId, DataClass.Personal, keyId, cancellationToken).ConfigureAwait(false);
        }
        catch (KeyUnavailableException)
        {
            return await RefuseAsync(tenantId, ExportDownloadError.InvalidLink, exportId, cancellationToken).ConfigureAwait(false);
        }

        Span<byte> expected = stackalloc byte[32];
        Sign(key, tenantId, bytes.AsSpan(0, SignedLength), expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(SignedLength)))
        {
            return await RefuseAsync(tenantId, ExportDownloadError.InvalidLink, exportId, cancellationToken).ConfigureAwait(false);
        }

        if (time.GetUtcNow().ToUnixTimeSeconds() >= BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(17, 8)))
        {
            return await RefuseAsync(tenantId, ExportDownloadError.Expired, exportId, cancellationToken).ConfigureAwait(false);
        }

        var export = await store.FindAsync(tenantId, exportId, cancellationToken).ConfigureAwait(false);
        if (export is null)
        {
            return await RefuseAsync(tenantId, ExportDownloadError.NotFound, exportId, cancellationToken).ConfigureAwait(false);
        }

        byte[] bundle;
        try
        {
            bundle = await encryption.DecryptAsync(tenantId, DataClass.Personal, export.Ciphertext, BundleContext(exportId), cancellationToken).ConfigureAwait(false);
        }
        catch (CryptographicException)
        {
            return await RefuseAsync(tenantId, ExportDownloadError.Tampered, exportId, cancellationToken).ConfigureAwait(false);
        }

        if (!ExportBundleVerifier.Verify(bundle, export.ManifestSha256).IsValid)
        {
            return await RefuseAsync(tenantId, ExportDownloadError.Tampered, exportId, cancellationToken).ConfigureAwait(false);
        }

        await audit.AppendAsync("gdpr.export.downloaded", tenantId, subjectId: null, "gdpr-export:" + exportId.ToString("N"),
            data: new() { ["request_id"] = export.RequestId.ToString("N") }, cancellationToken: cancellationToken).ConfigureAwait(false);
        events.Publish(new SecurityEvent
        {
            Type = SecurityEventType.DataExported,
            Timestamp = time.GetUtcNow(),
            TenantId = tenantId,
            Resource = "gdpr-export:" + exportId.ToString("N"),
        });
        return ExportDownloadResult.Success(exportId, bundle);
    }

    public Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default) => store.DeleteExpiredAsync(time.GetUtcNow(), cancellationToken);

    private async Task<ExportDownloadResult> RefuseAsync(string tenantId, ExportDownloadError error, Guid exportId, CancellationToken cancellationToken)
    {
        var reason = error switch
        {
            ExportDownloadError.Expired => "link_expired",
            ExportDownloadError.NotFound => "export_not_found",
            ExportDownloadError.Tampered => "bundle_tampered",
            _ => "invalid_link",
        };
        Log.ExportRefused(logger, tenantId, reason);
        await audit.AppendAsync("gdpr.export.refused", tenantId, subjectId: null, "gdpr-export:" + exportId.ToString("N"), AuditOutcome.Denied, reason, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ExportDownloadResult.Refused(error, exportId);
    }

    private static void Sign(AeadKey key, string tenantId, ReadOnlySpan<byte> signed, Span<byte> mac)
    {
        Span<byte> subkey = stackalloc byte[32];
        try
        {
            key.DeriveSubkey(LinkPurpose, subkey);
            var tenant = Encoding.UTF8.GetBytes(tenantId);
            var input = new byte[1 + tenant.Length + signed.Length];
            input[0] = (byte)tenant.Length;
            tenant.CopyTo(input.AsSpan(1));
            signed.CopyTo(input.AsSpan(1 + tenant.Length));
            HMACSHA256.HashData(subkey, input, mac);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(subkey);
        }
    }

    private static byte[] BundleContext(Guid exportId) => Encoding.ASCII.GetBytes("gdpr-export/" + exportId.ToString("N"));
}
