using Microsoft.Extensions.Logging;

namespace TekUp.Security.Rbac.Internal;

/// <summary>Source-generated log messages of TekUp.Security.Rbac. Event ids 5000-5999. Never logs subject ids or resource ids.</summary>
internal static partial class Log
{
    [LoggerMessage(5001, LogLevel.Debug, "Compiled the permission set of a principal of tenant {TenantId}: {RoleCount} assigned roles, {PermissionCount} permissions, epoch {Epoch}")]
    public static partial void PermissionSetCompiled(ILogger logger, string tenantId, int roleCount, int permissionCount, long epoch);

    [LoggerMessage(5002, LogLevel.Error, "Permission check on {Resource}:{Action} in tenant {TenantId} failed and was denied")]
    public static partial void EvaluationFailed(ILogger logger, Exception exception, string tenantId, string resource, string action);

    [LoggerMessage(5003, LogLevel.Warning, "A condition on {Resource}:{Action} in tenant {TenantId} failed to evaluate ({ExceptionType}: {Message}); it was not allowed to grant")]
    public static partial void ConditionFailed(ILogger logger, string tenantId, string resource, string action, string exceptionType, string message);

    [LoggerMessage(5004, LogLevel.Debug, "Dropped the cached permission sets of tenant {TenantId}")]
    public static partial void CacheInvalidated(ILogger logger, string tenantId);

    [LoggerMessage(5005, LogLevel.Information, "The RBAC epoch of tenant {TenantId} moved from {OldEpoch} to {NewEpoch} (changed by another instance); cached permission sets dropped")]
    public static partial void EpochChanged(ILogger logger, string tenantId, long oldEpoch, long newEpoch);

    [LoggerMessage(5006, LogLevel.Debug, "Evicted {Evicted} cached permission sets; {Remaining} remain")]
    public static partial void CacheEvicted(ILogger logger, int evicted, int remaining);

    [LoggerMessage(5007, LogLevel.Debug, "Access to {Resource}:{Action} in tenant {TenantId} denied: {Reason}")]
    public static partial void AccessDenied(ILogger logger, string tenantId, string resource, string action, string reason);

    [LoggerMessage(5008, LogLevel.Information, "RBAC {Change} of role {RoleId} in tenant {TenantId}")]
    public static partial void RoleChanged(ILogger logger, string change, string tenantId, string roleId);

    [LoggerMessage(5009, LogLevel.Information, "RBAC {Change} of role {RoleId} in tenant {TenantId}")]
    public static partial void AssignmentChanged(ILogger logger, string change, string tenantId, string roleId);
}
