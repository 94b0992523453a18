using Microsoft.Extensions.Logging;
using TekUp.Security.Internal;

namespace TekUp.Security.Events;

/// <summary>Fans events out to the registered handlers, isolating each handler's failures.</summary>
internal sealed class DefaultSecurityEventPublisher(IEnumerable<ISecurityEventHandler> handlers, ILogger<DefaultSecurityEventPublisher> logger)
    : ISecurityEventPublisher
{
    private readonly ISecurityEventHandler[] _handlers = [.. handlers];

    public void Publish(SecurityEvent securityEvent)
    {
        ArgumentNullException.ThrowIfNull(securityEvent);
        Log.SecurityEvent(logger, securityEvent.Type, securityEvent.TenantId, securityEvent.Reason);
        foreach (var handler in _handlers)
        {
            try
            {
                handler.Handle(securityEvent);
            }
#pragma warning disable CA1031 // A handler's fault must not break the request path that raised the event.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.SecurityEventHandlerFailed(logger, ex, handler.GetType().Name, securityEvent.Type);
            }
        }
    }
}
