using Microsoft.Extensions.DependencyInjection;
using TekUp.Security.Gdpr.Internal;

namespace TekUp.Security.Gdpr;

internal sealed class DefaultProcessingRestrictionService(
    IProcessingLimitStore store,
    IServiceScopeFactory scopes,
    SubjectReferences references,
    GdprAudit audit,
    TimeProvider time) : IProcessingRestrictionService
{
    public Task RestrictAsync(string tenantId, string subjectId, string? purpose = null, Guid? requestId = null, CancellationToken cancellationToken = default) =>
        AddAsync(tenantId, subjectId, ProcessingLimitKind.Restriction, purpose ?? ProcessingLimit.AllPurposes, requestId, cancellationToken);

    public Task ObjectAsync(string tenantId, string subjectId, string purpose, Guid? requestId = null, CancellationToken cancellationToken = default)
    {
        GdprNames.CheckCode(purpose, "purpose", nameof(purpose));
        return AddAsync(tenantId, subjectId, ProcessingLimitKind.Objection, purpose, requestId, cancellationToken);
    }

    public async Task<bool> LiftAsync(string tenantId, string subjectId, ProcessingLimitKind kind, string? purpose = null, CancellationToken cancellationToken = default)
    {
        var reference = Check(tenantId, subjectId, kind, purpose ??= ProcessingLimit.AllPurposes);
        if (kind == ProcessingLimitKind.Restriction)
        {
            // Lift the sources' marks first: if one throws, the recorded restriction stays and the lift can be retried.
            using var scope = scopes.CreateScope();
            var context = new PersonalDataContext(tenantId, subjectId, Guid.Empty);
            foreach (var source in SourceRegistry.Resolve(scope.ServiceProvider))
            {
                await source.RestrictAsync(context, restricted: false, cancellationToken).ConfigureAwait(false);
            }
        }

        var removed = await store.RemoveAsync(tenantId, reference, kind, purpose, cancellationToken).ConfigureAwait(false);
        if (removed)
        {
            await audit.AppendAsync(kind == ProcessingLimitKind.Restriction ? "gdpr.restriction.lifted" : "gdpr.objection.withdrawn", tenantId, subjectId,
                "gdpr-purpose:" + purpose, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return removed;
    }

    public async Task<ProcessingDecision> IsProcessingAllowedAsync(string tenantId, string subjectId, string purpose, CancellationToken cancellationToken = default)
    {
        GdprNames.CheckCode(purpose, "purpose", nameof(purpose));
        var reference = Check(tenantId, subjectId, ProcessingLimitKind.Restriction, purpose);
        foreach (var limit in await store.ListAsync(tenantId, reference, cancellationToken).ConfigureAwait(false))
        {
            var matches = limit.Kind == ProcessingLimitKind.Restriction
                ? limit.Purpose is ProcessingLimit.AllPurposes || limit.Purpose == purpose
                : limit.Purpose == purpose;
            if (matches)
            {
                return ProcessingDecision.Denied(limit);
            }
        }

        return ProcessingDecision.Allowed;
    }

    public Task<IReadOnlyList<ProcessingLimit>> ListAsync(string tenantId, string subjectId, CancellationToken cancellationToken = default)
    {
        GdprNames.CheckTenant(tenantId);
        GdprNames.CheckSubject(subjectId);
        return store.ListAsync(tenantId, references.For(tenantId, subjectId), cancellationToken);
    }

    private async Task AddAsync(string tenantId, string subjectId, ProcessingLimitKind kind, string purpose, Guid? requestId, CancellationToken cancellationToken)
    {
        var reference = Check(tenantId, subjectId, kind, purpose);
        await store.AddAsync(new ProcessingLimit
        {
            TenantId = tenantId,
            SubjectReference = reference,
            Kind = kind,
            Purpose = purpose,
            RecordedAt = time.GetUtcNow(),
            RequestId = requestId,
        }, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(kind == ProcessingLimitKind.Restriction ? "gdpr.restriction.recorded" : "gdpr.objection.recorded", tenantId, subjectId,
            "gdpr-purpose:" + purpose, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private string Check(string tenantId, string subjectId, ProcessingLimitKind kind, string purpose)
    {
        GdprNames.CheckTenant(tenantId);
        GdprNames.CheckSubject(subjectId);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), "Undefined processing limit kind.");
        }

        if (purpose != ProcessingLimit.AllPurposes)
        {
            GdprNames.CheckCode(purpose, "purpose", nameof(purpose));
        }

        return references.For(tenantId, subjectId);
    }
}
