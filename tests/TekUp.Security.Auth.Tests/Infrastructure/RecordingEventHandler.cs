using System.Collections.Concurrent;
using TekUp.Security.Events;

namespace TekUp.Security.Auth.Tests.Infrastructure;

internal sealed class RecordingEventHandler : ISecurityEventHandler
{
    public ConcurrentQueue<SecurityEvent> Events { get; } = new();

    public void Handle(SecurityEvent securityEvent) => Events.Enqueue(securityEvent);
}
