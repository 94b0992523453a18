using System.Collections.Concurrent;
using TekUp.Security.Auditing;

namespace TekUp.Security.Auth.Tests.Infrastructure;

/// <summary>An audit trail that keeps what it is given, for assertions.</summary>
internal sealed class RecordingAuditTrail : IAuditTrail
{
    public ConcurrentQueue<AuditRecord> Records { get; } = new();

    public ValueTask AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        Records.Enqueue(record);
        return ValueTask.CompletedTask;
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
