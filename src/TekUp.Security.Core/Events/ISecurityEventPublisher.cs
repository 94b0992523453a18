namespace TekUp.Security.Events;

/// <summary>Publishes security events to every registered <see cref="ISecurityEventHandler"/>.</summary>
public interface ISecurityEventPublisher
{
    /// <summary>
    /// Hands the event to every handler. Never throws because of a handler: a failing handler is logged and the
    /// others still run. Called on request paths, so handlers must be fast and must not block.
    /// </summary>
    void Publish(SecurityEvent securityEvent);
}

/// <summary>
/// Receives security events. Register with
/// <c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;ISecurityEventHandler, MyHandler&gt;())</c>.
/// </summary>
public interface ISecurityEventHandler
{
    /// <summary>Handles one event. Must not block: queue slow work.</summary>
    void Handle(SecurityEvent securityEvent);
}
