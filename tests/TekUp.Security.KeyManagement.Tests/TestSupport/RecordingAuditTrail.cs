using System.Collections.Concurrent;
using TekUp.Security.Auditing;

namespace TekUp.Security.KeyManagement.Tests.TestSupport;

/// <summary>An audit trail that keeps what it is given, for assertions.</summary>
internal sealed class RecordingAuditTrail : IAuditTrail
{
    private readonly ConcurrentQueue<AuditRecord> _records = new();

    public IReadOnlyList<AuditRecord> Records => [.. _records];

    public IReadOnlyList<AuditRecord> OfType(string eventType) => [.. _records.Where(r => r.EventType == eventType)];

    public ValueTask AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        _records.Enqueue(record);
        return ValueTask.CompletedTask;
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public void Clear() => _records.Clear();

    // The key-management tests only append; reading the trail back is the audit module's business.
    public Task<AuditVerificationResult> VerifyAsync(AuditVerificationRange? range = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The recording trail keeps records in memory only.");

    public IAsyncEnumerable<AuditEntry> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The recording trail keeps records in memory only.");

    public Task ExportAsync(Stream destination, AuditQuery query, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The recording trail keeps records in memory only.");
}
