using System.Globalization;

namespace TekUp.Security.Gdpr.Internal;

/// <summary>Extends the erasure record of a request and, when nothing of the subject is kept, shreds the subject's key.</summary>
internal sealed class ErasureRecorder(IErasureRecordStore store, ISubjectKeyService subjectKeys, GdprAudit audit, TimeProvider time)
{
    public async Task RecordAsync(DataSubjectRequest request, IReadOnlyList<ErasureEntry> entries, bool shred, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var existing = await store.FindAsync(request.TenantId, request.Id, cancellationToken).ConfigureAwait(false);
        var destroyedAt = existing?.SubjectKeyDestroyedAt;
        if (shred && destroyedAt is null && await subjectKeys.DestroyAsync(request.TenantId, request.SubjectId, cancellationToken).ConfigureAwait(false))
        {
            destroyedAt = now;
        }

        var record = new ErasureRecord
        {
            TenantId = request.TenantId,
            RequestId = request.Id,
            CreatedAt = existing?.CreatedAt ?? now,
            UpdatedAt = now,
            Entries = [.. existing?.Entries ?? [], .. entries],
            Retained = [.. request.Tasks.Where(t => t.Retention is not null).Select(t => t.Retention!)],
            SubjectKeyDestroyedAt = destroyedAt,
            VerificationHash = string.Empty,
        };
        record = record with { VerificationHash = ErasureRecord.ComputeVerificationHash(record) };
        await store.SaveAsync(record, cancellationToken).ConfigureAwait(false);
        await audit.RequestAsync("gdpr.erasure.recorded", request, actor: null, data: new()
        {
            ["erased"] = record.Entries.Sum(e => e.RecordCount).ToString(CultureInfo.InvariantCulture),
            ["retained"] = record.Retained.Sum(r => r.RecordCount).ToString(CultureInfo.InvariantCulture),
            ["key_destroyed"] = destroyedAt is null ? "false" : "true",
            ["verification_hash"] = record.VerificationHash,
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
