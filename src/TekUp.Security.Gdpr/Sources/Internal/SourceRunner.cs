using Microsoft.Extensions.Logging;

namespace TekUp.Security.Gdpr.Internal;

/// <summary>The outcome of running one source for a request.</summary>
/// <param name="Task">The task's new state.</param>
/// <param name="Records">Access and portability: the collected records.</param>
/// <param name="Erased">Erasure: what was erased, when anything was.</param>
internal sealed record SourceRun(SourceTask Task, IReadOnlyList<PersonalDataRecord>? Records = null, ErasureEntry? Erased = null);

/// <summary>
/// Runs one source for one request and turns any exception into a failed task (type name only: an exception message may
/// hold personal data), so one failing source never stops the others.
/// </summary>
internal static class SourceRunner
{
    public static async Task<SourceRun> RunAsync(DataSubjectRequest request, IPersonalDataSource source, SourceTask task, RequestProcessingInput? input, DateTimeOffset now, ILogger logger, CancellationToken cancellationToken)
    {
        var attempt = task with { Attempts = task.Attempts + 1, LastAttemptAt = now, Error = null };
        var context = new PersonalDataContext(request.TenantId, request.SubjectId, request.Id);
        try
        {
            switch (request.Kind)
            {
                case DataSubjectRequestKind.Access:
                case DataSubjectRequestKind.Portability:
                    var records = await source.CollectAsync(context, cancellationToken).ConfigureAwait(false) ?? [];
                    CheckRecords(records);
                    return new SourceRun(Counted(attempt, records.Count), records);
                case DataSubjectRequestKind.Rectification:
                    return new SourceRun(Counted(attempt, await source.RectifyAsync(context, input!.Corrections!, cancellationToken).ConfigureAwait(false)));
                case DataSubjectRequestKind.Restriction:
                    return new SourceRun(Counted(attempt, await source.RestrictAsync(context, restricted: true, cancellationToken).ConfigureAwait(false)));
                case DataSubjectRequestKind.Erasure:
                    return await EraseAsync(request, source, attempt, context, now, cancellationToken).ConfigureAwait(false);
                default:
                    return new SourceRun(Counted(attempt, 0));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.SourceFailed(logger, request.TenantId, request.Id, source.Category, attempt.Attempts, ex.GetType().Name);
            return new SourceRun(attempt with { Status = SourceTaskStatus.Failed, Error = ErrorCode(ex) });
        }
    }

    private static async Task<SourceRun> EraseAsync(DataSubjectRequest request, IPersonalDataSource source, SourceTask attempt, PersonalDataContext context, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var records = await source.CollectAsync(context, cancellationToken).ConfigureAwait(false) ?? [];
        CheckRecords(records);
        var rule = source.Retention;
        var erase = new List<string>();
        var keptCount = 0;
        DateTimeOffset? keptUntil = null, nextPurge = null;
        foreach (var record in records)
        {
            if (rule is not null)
            {
                var date = record.RecordDate ?? throw new RetentionDateMissingException();
                var until = rule.GetRetainedUntil(date);
                if (now < until)
                {
                    keptCount++;
                    keptUntil = keptUntil is null || until > keptUntil ? until : keptUntil;
                    nextPurge = nextPurge is null || until < nextPurge ? until : nextPurge;
                    continue;
                }
            }

            erase.Add(record.Id);
        }

        var erasedCount = erase.Count == 0 ? 0 : await source.EraseAsync(context, erase, cancellationToken).ConfigureAwait(false);
        var entry = erase.Count == 0 ? null : new ErasureEntry
        {
            Category = source.Category,
            ErasedAt = now,
            RecordCount = erase.Count,
            RecordIdsHash = ErasureRecord.HashRecordIds(request.TenantId, request.Id, source.Category, erase),
        };
        var retained = keptCount == 0 ? null : new RetainedData
        {
            Category = source.Category,
            RecordCount = keptCount,
            LegalBasis = rule!.LegalBasis,
            Ground = rule.Ground,
            PeriodDescription = rule.Description,
            RetainedUntil = keptUntil!.Value,
            NextPurgeAt = nextPurge!.Value,
        };
        var status = keptCount > 0 ? SourceTaskStatus.Retained : records.Count == 0 ? SourceTaskStatus.NoDataFound : SourceTaskStatus.Completed;
        return new SourceRun(attempt with
        {
            Status = status,
            RecordCount = Math.Max(erasedCount, erase.Count),
            ErasedRecordsHash = entry?.RecordIdsHash ?? attempt.ErasedRecordsHash,
            Retention = retained,
        }, Erased: entry);
    }

    private static SourceTask Counted(SourceTask task, int count) =>
        task with { Status = count == 0 ? SourceTaskStatus.NoDataFound : SourceTaskStatus.Completed, RecordCount = count };

    private static void CheckRecords(IReadOnlyList<PersonalDataRecord> records)
    {
        foreach (var record in records)
        {
            if (record is null || string.IsNullOrEmpty(record.Id) || record.Fields is null)
            {
                throw new InvalidPersonalDataRecordException();
            }
        }
    }

    private static string ErrorCode(Exception ex) => ex switch
    {
        RetentionDateMissingException => "retention_date_missing",
        InvalidPersonalDataRecordException => "invalid_record",
        OperationCanceledException => "timeout_or_canceled",
        _ => "source_exception:" + ex.GetType().Name,
    };

    private sealed class RetentionDateMissingException : Exception;

    private sealed class InvalidPersonalDataRecordException : Exception;
}
