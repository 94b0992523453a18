using System.Globalization;
using TekUp.Security.Auditing;

namespace TekUp.Security.Gdpr.Internal;

/// <summary>
/// Writes the module's audit entries. The subject id goes only into <see cref="AuditRecord.Subject"/> (pseudonymised by
/// the trail); data carries kinds, states, categories, counts and dates, never personal data.
/// </summary>
internal sealed class GdprAudit(IAuditTrail trail)
{
    public ValueTask RequestAsync(string eventType, DataSubjectRequest request, string? actor, AuditOutcome outcome = AuditOutcome.Success, string? reason = null, Dictionary<string, string>? data = null, CancellationToken cancellationToken = default)
    {
        data ??= [];
        data["kind"] = Codes.Kind(request.Kind);
        data["status"] = Codes.Status(request.Status);
        data["due_at"] = request.EffectiveDueAt.ToString("O", CultureInfo.InvariantCulture);
        return trail.AppendAsync(new AuditRecord
        {
            EventType = eventType,
            TenantId = request.TenantId,
            Actor = actor ?? "system",
            Subject = request.SubjectId,
            Resource = "gdpr-request:" + request.Id.ToString("N"),
            Outcome = outcome,
            Reason = reason,
            Data = data,
        }, cancellationToken);
    }

    public ValueTask AppendAsync(string eventType, string tenantId, string? subjectId, string resource, AuditOutcome outcome = AuditOutcome.Success, string? reason = null, Dictionary<string, string>? data = null, string? actor = null, CancellationToken cancellationToken = default) =>
        trail.AppendAsync(new AuditRecord
        {
            EventType = eventType,
            TenantId = tenantId,
            Actor = actor ?? "system",
            Subject = subjectId,
            Resource = resource,
            Outcome = outcome,
            Reason = reason,
            Data = data,
        }, cancellationToken);
}

/// <summary>Stable lower-case codes of the module's enums, for audit data and stored columns.</summary>
internal static class Codes
{
    public static string Kind(DataSubjectRequestKind kind) => kind switch
    {
        DataSubjectRequestKind.Access => "access",
        DataSubjectRequestKind.Rectification => "rectification",
        DataSubjectRequestKind.Erasure => "erasure",
        DataSubjectRequestKind.Portability => "portability",
        DataSubjectRequestKind.Restriction => "restriction",
        DataSubjectRequestKind.Objection => "objection",
        _ => "unknown",
    };

    public static string Status(DataSubjectRequestStatus status) => status switch
    {
        DataSubjectRequestStatus.Received => "received",
        DataSubjectRequestStatus.IdentityVerified => "identity_verified",
        DataSubjectRequestStatus.InProgress => "in_progress",
        DataSubjectRequestStatus.Completed => "completed",
        DataSubjectRequestStatus.PartiallyCompleted => "partially_completed",
        DataSubjectRequestStatus.Rejected => "rejected",
        _ => "unknown",
    };
}
