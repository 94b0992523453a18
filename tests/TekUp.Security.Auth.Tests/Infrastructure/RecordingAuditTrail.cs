using System.Collections.Concurrent;
using TekUp.Security.Auditing;

namespace TekUp.Security.Auth.Tests.Infrastructure;

/// <summary>
/// Keeps what it is given, for assertions, and hands it on to the real audit trail, so a record the trail would refuse
/// (bad reason code, control characters...) fails the test.
/// </summary>
internal sealed class RecordingAuditTrail : IAuditTrail
{
    public IAuditTrail Inner { get; set; } = null!;

    public ConcurrentQueue<AuditRecord> Records { get; } = new();

    public async ValueTask AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        await Inner.AppendAsync(record, cancellationToken);
        Records.Enqueue(record);
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => Inner.FlushAsync(cancellationToken);

    public Task<AuditVerificationResult> VerifyAsync(AuditVerificationRange? range = null, CancellationToken cancellationToken = default) => Inner.VerifyAsync(range, cancellationToken);

    public IAsyncEnumerable<AuditEntry> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) => Inner.QueryAsync(query, cancellationToken);

    public Task ExportAsync(Stream destination, AuditQuery query, CancellationToken cancellationToken = default) => Inner.ExportAsync(destination, query, cancellationToken);
}
