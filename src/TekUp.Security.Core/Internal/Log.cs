using Microsoft.Extensions.Logging;
using TekUp.Security.Events;

namespace TekUp.Security.Internal;

/// <summary>Source-generated log messages of TekUp.Security.Core. Event ids 1000-1999.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Debug, "Security event {Type} for tenant {TenantId}: {Reason}")]
    public static partial void SecurityEvent(ILogger logger, SecurityEventType type, string? tenantId, string? reason);

    [LoggerMessage(1002, LogLevel.Error, "Security event handler {Handler} failed on {Type}")]
    public static partial void SecurityEventHandlerFailed(ILogger logger, Exception exception, string handler, SecurityEventType type);
}
