using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TekUp.Security.Auditing;
using TekUp.Security.Gdpr.Internal;

namespace TekUp.Security.Gdpr;

/// <summary>
/// The request state machine. Each source's outcome is stored as soon as it is known, so a crash mid-request leaves the
/// finished sources recorded and <see cref="ProcessAsync"/> resumes with the rest.
/// </summary>
internal sealed class DefaultDataSubjectRequestService(
    IDataSubjectRequestStore store,
    IServiceScopeFactory scopes,
    IProcessingRestrictionService restrictions,
    DefaultExportService exports,
    ErasureRecorder erasures,
    IErasureRecordStore erasureRecords,
    GdprAudit audit,
    IOptions<GdprOptions> options,
    TimeProvider time,
    ILogger<DefaultDataSubjectRequestService> logger) : IDataSubjectRequestService
{
    public async Task<DataSubjectRequest> SubmitAsync(NewDataSubjectRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        GdprNames.CheckTenant(request.TenantId, nameof(request));
        GdprNames.CheckSubject(request.SubjectId, nameof(request));
        if (!Enum.IsDefined(request.Kind))
        {
            throw new ArgumentException("The request kind is not defined.", nameof(request));
        }

        if (request.Kind == DataSubjectRequestKind.Objection && request.Purpose is null)
        {
            throw new ArgumentException("An objection names the purpose objected to.", nameof(request));
        }

        if (request.Purpose is not null)
        {
            GdprNames.CheckCode(request.Purpose, "purpose", nameof(request));
        }

        var now = time.GetUtcNow();
        var receivedAt = request.ReceivedAt ?? now;
        if (receivedAt > now)
        {
            throw new ArgumentException("A request cannot be received in the future.", nameof(request));
        }

        using var scope = scopes.CreateScope();
        var sources = SourceRegistry.Resolve(scope.ServiceProvider);
        var stored = new DataSubjectRequest
        {
            Id = Guid.CreateVersion7(now),
            TenantId = request.TenantId,
            Kind = request.Kind,
            SubjectId = request.SubjectId,
            Purpose = request.Kind is DataSubjectRequestKind.Objection or DataSubjectRequestKind.Restriction ? request.Purpose : null,
            Status = DataSubjectRequestStatus.Received,
            ReceivedAt = receivedAt,
            DueAt = Deadlines.AddCalendarMonths(receivedAt, 1, Zone),
            Tasks = request.Kind == DataSubjectRequestKind.Objection ? [] : [.. sources.Select(s => new SourceTask { Category = s.Category })],
            Version = 1,
        };
        await store.CreateAsync(stored, cancellationToken).ConfigureAwait(false);
        await AuditTransitionAsync("gdpr.request.received", stored, request.Actor, cancellationToken: cancellationToken).ConfigureAwait(false);
        return stored;
    }

    public Task<DataSubjectRequest?> GetAsync(string tenantId, Guid requestId, CancellationToken cancellationToken = default)
    {
        GdprNames.CheckTenant(tenantId);
        return store.FindAsync(tenantId, requestId, cancellationToken);
    }

    public async Task<DataSubjectRequestResult> VerifyIdentityAsync(string tenantId, Guid requestId, string method, string? actor = null, CancellationToken cancellationToken = default)
    {
        GdprNames.CheckCode(method, "verification method", nameof(method));
        var request = await GetAsync(tenantId, requestId, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return DataSubjectRequestResult.Refused(DataSubjectRequestError.NotFound);
        }

        if (request.Status != DataSubjectRequestStatus.Received)
        {
            return request.Status == DataSubjectRequestStatus.IdentityVerified
                ? DataSubjectRequestResult.Success(request)
                : DataSubjectRequestResult.Refused(DataSubjectRequestError.InvalidState, request);
        }

        var updated = await SaveAsync(request, request with
        {
            Status = DataSubjectRequestStatus.IdentityVerified,
            IdentityVerifiedAt = time.GetUtcNow(),
            IdentityVerificationMethod = method,
        }, cancellationToken).ConfigureAwait(false);
        await AuditTransitionAsync("gdpr.request.identity_verified", updated, actor, data: new() { ["method"] = method }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return DataSubjectRequestResult.Success(updated);
    }

    public async Task<DataSubjectRequestResult> RejectAsync(string tenantId, Guid requestId, string reason, string? actor = null, CancellationToken cancellationToken = default)
    {
        GdprNames.CheckCode(reason, "rejection reason", nameof(reason));
        var request = await GetAsync(tenantId, requestId, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return DataSubjectRequestResult.Refused(DataSubjectRequestError.NotFound);
        }

        if (request.Status is not (DataSubjectRequestStatus.Received or DataSubjectRequestStatus.IdentityVerified))
        {
            return DataSubjectRequestResult.Refused(DataSubjectRequestError.InvalidState, request);
        }

        var updated = await SaveAsync(request, request with
        {
            Status = DataSubjectRequestStatus.Rejected,
            RejectionReason = reason,
            CompletedAt = time.GetUtcNow(),
        }, cancellationToken).ConfigureAwait(false);
        await AuditTransitionAsync("gdpr.request.rejected", updated, actor, reason: reason, cancellationToken: cancellationToken).ConfigureAwait(false);
        return DataSubjectRequestResult.Success(updated);
    }

    public async Task<DataSubjectRequestResult> ExtendAsync(string tenantId, Guid requestId, int months, string reason, string? actor = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var request = await GetAsync(tenantId, requestId, cancellationToken).ConfigureAwait(false);
        DataSubjectRequestError? refusal = request switch
        {
            null => DataSubjectRequestError.NotFound,
            { IsOpen: false } => DataSubjectRequestError.InvalidState,
            { ExtendedDueAt: not null } => DataSubjectRequestError.ExtensionAlreadyGranted,
            _ when months is < 1 or > 2 => DataSubjectRequestError.ExtensionTooLong,
            _ when string.IsNullOrWhiteSpace(reason) => DataSubjectRequestError.ExtensionReasonRequired,
            _ when time.GetUtcNow() >= request.DueAt => DataSubjectRequestError.ExtensionAfterDeadline,
            _ => null,
        };
        if (refusal is { } error)
        {
            if (request is not null)
            {
                await AuditTransitionAsync("gdpr.request.extension_refused", request, actor, AuditOutcome.Denied, ReasonCode(error), cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            return DataSubjectRequestResult.Refused(error, request);
        }

        if (reason.Length > 1000)
        {
            throw new ArgumentException("The extension reason is at most 1000 characters.", nameof(reason));
        }

        var updated = await SaveAsync(request!, request! with
        {
            ExtendedDueAt = Deadlines.AddCalendarMonths(request!.ReceivedAt, 1 + months, Zone),
            ExtensionReason = reason,
        }, cancellationToken).ConfigureAwait(false);
        await AuditTransitionAsync("gdpr.request.extended", updated, actor, data: new() { ["months"] = months.ToString(CultureInfo.InvariantCulture) }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return DataSubjectRequestResult.Success(updated);
    }

    public async Task<DataSubjectRequestResult> ProcessAsync(string tenantId, Guid requestId, RequestProcessingInput? input = null, CancellationToken cancellationToken = default)
    {
        var request = await GetAsync(tenantId, requestId, cancellationToken).ConfigureAwait(false);
        switch (request?.Status)
        {
            case null:
                return DataSubjectRequestResult.Refused(DataSubjectRequestError.NotFound);
            case DataSubjectRequestStatus.Received:
                return DataSubjectRequestResult.Refused(DataSubjectRequestError.IdentityNotVerified, request);
            case DataSubjectRequestStatus.Rejected:
                return DataSubjectRequestResult.Refused(DataSubjectRequestError.InvalidState, request);
            case DataSubjectRequestStatus.Completed:
            case DataSubjectRequestStatus.PartiallyCompleted when !request.Tasks.Any(t => t.Status is SourceTaskStatus.Failed or SourceTaskStatus.Pending):
                return DataSubjectRequestResult.Success(request); // Done already: processing again changes nothing.
        }

        CheckInput(request, input);
        var targets = request.Tasks.Where(t => !t.IsDone).Select(t => t.Category).ToHashSet(StringComparer.Ordinal);
        return DataSubjectRequestResult.Success(await RunAsync(request, targets, input, cancellationToken).ConfigureAwait(false));
    }

    public async Task<DataSubjectRequestResult> RetrySourceAsync(string tenantId, Guid requestId, string category, RequestProcessingInput? input = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(category);
        var request = await GetAsync(tenantId, requestId, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return DataSubjectRequestResult.Refused(DataSubjectRequestError.NotFound);
        }

        var task = request.Tasks.FirstOrDefault(t => t.Category == category);
        if (task is null)
        {
            return DataSubjectRequestResult.Refused(DataSubjectRequestError.UnknownSource, request);
        }

        if (request.Status is not (DataSubjectRequestStatus.PartiallyCompleted or DataSubjectRequestStatus.InProgress) || task.Status != SourceTaskStatus.Failed)
        {
            return DataSubjectRequestResult.Refused(DataSubjectRequestError.NothingToRetry, request);
        }

        CheckInput(request, input);
        return DataSubjectRequestResult.Success(await RunAsync(request, new HashSet<string>(StringComparer.Ordinal) { category }, input, cancellationToken).ConfigureAwait(false));
    }

    public Task<ErasureRecord?> GetErasureRecordAsync(string tenantId, Guid requestId, CancellationToken cancellationToken = default)
    {
        GdprNames.CheckTenant(tenantId);
        return erasureRecords.FindAsync(tenantId, requestId, cancellationToken);
    }

    public Task<IReadOnlyList<DataSubjectRequest>> ListOverdueAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        GdprNames.CheckTenant(tenantId);
        return store.ListOverdueAsync(tenantId, time.GetUtcNow(), cancellationToken);
    }

    public async Task<RetentionPurgeResult> PurgeExpiredRetentionAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        GdprNames.CheckTenant(tenantId);
        var now = time.GetUtcNow();
        int visited = 0, erased = 0, failed = 0;
        using var scope = scopes.CreateScope();
        var sources = SourceRegistry.Resolve(scope.ServiceProvider).ToDictionary(s => s.Category, StringComparer.Ordinal);
        foreach (var request in await store.ListRetentionEndedAsync(tenantId, now, cancellationToken).ConfigureAwait(false))
        {
            visited++;
            var current = request;
            var entries = new List<ErasureEntry>();
            foreach (var task in request.Tasks.Where(t => t.Retention is { } r && r.NextPurgeAt <= now))
            {
                if (!sources.TryGetValue(task.Category, out var source))
                {
                    continue; // The source was unregistered: its data is no longer this module's to erase.
                }

                var run = await SourceRunner.RunAsync(current, source, task, input: null, now, logger, cancellationToken).ConfigureAwait(false);
                failed += run.Task.Status == SourceTaskStatus.Failed ? 1 : 0;
                var purged = run.Task.Status == SourceTaskStatus.Failed ? task : run.Task with { RecordCount = task.RecordCount + run.Task.RecordCount };
                erased += run.Task.Status == SourceTaskStatus.Failed ? 0 : run.Task.RecordCount;
                if (run.Erased is { } entry)
                {
                    entries.Add(entry);
                }

                current = await SaveAsync(current, current with { Tasks = Replace(current.Tasks, purged) }, cancellationToken).ConfigureAwait(false);
            }

            if (current.Status == DataSubjectRequestStatus.PartiallyCompleted && current.Tasks.All(t => t.IsDone && t.Retention is null))
            {
                current = await SaveAsync(current, current with { Status = DataSubjectRequestStatus.Completed, CompletedAt = now }, cancellationToken).ConfigureAwait(false);
            }

            await erasures.RecordAsync(current, entries, ShouldShred(current), cancellationToken).ConfigureAwait(false);
            await audit.RequestAsync("gdpr.retention.purged", current, actor: null, data: new() { ["records"] = entries.Sum(e => e.RecordCount).ToString(CultureInfo.InvariantCulture) }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        Log.RetentionPurged(logger, tenantId, visited, erased, failed);
        return new RetentionPurgeResult(visited, erased, failed);
    }

    private async Task<DataSubjectRequest> RunAsync(DataSubjectRequest request, HashSet<string> targets, RequestProcessingInput? input, CancellationToken cancellationToken)
    {
        var actor = input?.Actor;
        if (request.Status != DataSubjectRequestStatus.InProgress)
        {
            request = await SaveAsync(request, request with { Status = DataSubjectRequestStatus.InProgress }, cancellationToken).ConfigureAwait(false);
            await AuditTransitionAsync("gdpr.request.started", request, actor, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await RecordLimitAsync(request, cancellationToken).ConfigureAwait(false);
        using var scope = scopes.CreateScope();
        var sources = SourceRegistry.Resolve(scope.ServiceProvider);
        var collected = new Dictionary<string, CollectedCategory>(StringComparer.Ordinal);
        var erasedEntries = new List<ErasureEntry>();
        foreach (var source in sources)
        {
            var task = request.Tasks.FirstOrDefault(t => t.Category == source.Category);
            if (task is null || !targets.Contains(source.Category))
            {
                continue;
            }

            var run = await SourceRunner.RunAsync(request, source, task, input, time.GetUtcNow(), logger, cancellationToken).ConfigureAwait(false);
            if (run.Records is not null)
            {
                collected[source.Category] = new CollectedCategory(source.Category, source.IsTabular, run.Records);
            }

            if (run.Erased is { } entry)
            {
                erasedEntries.Add(entry);
            }

            request = await SaveAsync(request, request with { Tasks = Replace(request.Tasks, run.Task) }, cancellationToken).ConfigureAwait(false);
            if (run.Task.Status == SourceTaskStatus.Failed)
            {
                await audit.RequestAsync("gdpr.source.failed", request, actor, AuditOutcome.Failure, "source_failed", new() { ["category"] = source.Category, ["attempt"] = run.Task.Attempts.ToString(CultureInfo.InvariantCulture) }, cancellationToken).ConfigureAwait(false);
            }
        }

        Guid? exportId = request.ExportId;
        if (request.Kind is DataSubjectRequestKind.Access or DataSubjectRequestKind.Portability)
        {
            // The export covers every source that completed: sources finished in an earlier run are collected again.
            request = await CollectDoneSourcesAsync(request, sources, collected, cancellationToken).ConfigureAwait(false);
            exportId = await exports.CreateAsync(request, [.. sources.Where(s => collected.ContainsKey(s.Category)).Select(s => collected[s.Category])], cancellationToken).ConfigureAwait(false);
        }

        var failed = request.Tasks.Any(t => !t.IsDone);
        var partial = failed || request.Tasks.Any(t => t.Status == SourceTaskStatus.Retained);
        var finished = request with
        {
            Status = partial ? DataSubjectRequestStatus.PartiallyCompleted : DataSubjectRequestStatus.Completed,
            CompletedAt = time.GetUtcNow(),
            ExportId = exportId,
        };
        request = await SaveAsync(request, finished, cancellationToken).ConfigureAwait(false);
        if (request.Kind == DataSubjectRequestKind.Erasure)
        {
            await erasures.RecordAsync(request, erasedEntries, !failed && ShouldShred(request), cancellationToken).ConfigureAwait(false);
        }

        await AuditTransitionAsync(partial ? "gdpr.request.partially_completed" : "gdpr.request.completed", request, actor, cancellationToken: cancellationToken).ConfigureAwait(false);
        return request;
    }

    private async Task<DataSubjectRequest> CollectDoneSourcesAsync(DataSubjectRequest request, IReadOnlyList<IPersonalDataSource> sources, Dictionary<string, CollectedCategory> collected, CancellationToken cancellationToken)
    {
        foreach (var source in sources)
        {
            var task = request.Tasks.FirstOrDefault(t => t.Category == source.Category);
            if (task is null || !task.IsDone || collected.ContainsKey(source.Category))
            {
                continue;
            }

            var run = await SourceRunner.RunAsync(request, source, task, input: null, time.GetUtcNow(), logger, cancellationToken).ConfigureAwait(false);
            if (run.Records is not null)
            {
                collected[source.Category] = new CollectedCategory(source.Category, source.IsTabular, run.Records);
            }
            else
            {
                request = await SaveAsync(request, request with { Tasks = Replace(request.Tasks, run.Task) }, cancellationToken).ConfigureAwait(false);
            }
        }

        return request;
    }

    private async Task RecordLimitAsync(DataSubjectRequest request, CancellationToken cancellationToken)
    {
        if (request.Kind == DataSubjectRequestKind.Restriction)
        {
            await restrictions.RestrictAsync(request.TenantId, request.SubjectId, request.Purpose, request.Id, cancellationToken).ConfigureAwait(false);
        }
        else if (request.Kind == DataSubjectRequestKind.Objection)
        {
            await restrictions.ObjectAsync(request.TenantId, request.SubjectId, request.Purpose!, request.Id, cancellationToken).ConfigureAwait(false);
        }
    }

    private bool ShouldShred(DataSubjectRequest request) =>
        options.Value.ShredSubjectKeyOnErasure && request.Tasks.All(t => t.IsDone && t.Retention is null);

    private async Task<DataSubjectRequest> SaveAsync(DataSubjectRequest current, DataSubjectRequest next, CancellationToken cancellationToken)
    {
        next = next with { Version = current.Version + 1 };
        await store.UpdateAsync(next, current.Version, cancellationToken).ConfigureAwait(false);
        if (next.Status != current.Status)
        {
            Log.RequestTransition(logger, next.TenantId, next.Id, next.Kind, next.Status);
        }

        return next;
    }

    private ValueTask AuditTransitionAsync(string eventType, DataSubjectRequest request, string? actor, AuditOutcome outcome = AuditOutcome.Success, string? reason = null, Dictionary<string, string>? data = null, CancellationToken cancellationToken = default) =>
        audit.RequestAsync(eventType, request, actor, outcome, reason, data, cancellationToken);

    private static IReadOnlyList<SourceTask> Replace(IReadOnlyList<SourceTask> tasks, SourceTask task) =>
        [.. tasks.Select(t => t.Category == task.Category ? task : t)];

    private static void CheckInput(DataSubjectRequest request, RequestProcessingInput? input)
    {
        if (request.Kind == DataSubjectRequestKind.Rectification && (input?.Corrections is null || input.Corrections.Count == 0))
        {
            throw new ArgumentException("A rectification needs the corrections (RequestProcessingInput.Corrections).", nameof(input));
        }
    }

    private static string ReasonCode(DataSubjectRequestError error) => error switch
    {
        DataSubjectRequestError.ExtensionAlreadyGranted => "extension_already_granted",
        DataSubjectRequestError.ExtensionTooLong => "extension_too_long",
        DataSubjectRequestError.ExtensionAfterDeadline => "extension_after_deadline",
        DataSubjectRequestError.ExtensionReasonRequired => "extension_reason_required",
        _ => "invalid_state",
    };

    private TimeZoneInfo Zone => Deadlines.TryFindZone(options.Value.TimeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;
}
