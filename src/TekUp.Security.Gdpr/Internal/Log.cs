using Microsoft.Extensions.Logging;

namespace TekUp.Security.Gdpr.Internal;

/// <summary>Source-generated log messages of TekUp.Security.Gdpr. Event ids 6000-6999. Never logs subject ids or record contents.</summary>
internal static partial class Log
{
    [LoggerMessage(6001, LogLevel.Information, "Data-subject request {RequestId} of tenant {TenantId} ({Kind}) moved to {Status}")]
    public static partial void RequestTransition(ILogger logger, string tenantId, Guid requestId, DataSubjectRequestKind kind, DataSubjectRequestStatus status);

    [LoggerMessage(6002, LogLevel.Warning, "Personal-data source {Category} failed for request {RequestId} of tenant {TenantId} (attempt {Attempt}): {ExceptionType}")]
    public static partial void SourceFailed(ILogger logger, string tenantId, Guid requestId, string category, int attempt, string exceptionType);

    [LoggerMessage(6003, LogLevel.Information, "Retention purge of tenant {TenantId}: {Requests} requests, {Records} records erased, {Failures} source failures")]
    public static partial void RetentionPurged(ILogger logger, string tenantId, int requests, int records, int failures);

    [LoggerMessage(6004, LogLevel.Information, "Export {ExportId} of tenant {TenantId} created: {FileCount} files, {Bytes} bytes")]
    public static partial void ExportCreated(ILogger logger, string tenantId, Guid exportId, int fileCount, int bytes);

    [LoggerMessage(6005, LogLevel.Warning, "Export download refused for tenant {TenantId}: {Reason}")]
    public static partial void ExportRefused(ILogger logger, string tenantId, string reason);

    [LoggerMessage(6006, LogLevel.Information, "Subject key {KeyId} of tenant {TenantId} destroyed")]
    public static partial void SubjectKeyDestroyed(ILogger logger, string tenantId, Guid keyId);
}
