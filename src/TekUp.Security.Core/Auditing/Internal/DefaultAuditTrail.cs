using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TekUp.Security.Events;
using TekUp.Security.Internal;

namespace TekUp.Security.Auditing.Internal;

/// <summary>
/// The audit trail of this application's chain (<see cref="TekUpSecurityOptions.ApplicationName"/>): appends go
/// through the <see cref="AuditWriter"/>; verification, query and export read the <see cref="IAuditStore"/>.
/// </summary>
internal sealed class DefaultAuditTrail : IAuditTrail, IAsyncDisposable, IDisposable
{
    private readonly IAuditStore _store;
    private readonly IAuditKeyProvider _keys;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ISecurityEventPublisher? _events;
    private readonly AuditWriter _writer;
    private int _disposed;

    public DefaultAuditTrail(
        IAuditStore store, IAuditKeyProvider keys, TimeProvider time, IOptions<AuditTrailOptions> options,
        IOptions<TekUpSecurityOptions> securityOptions, ILogger<DefaultAuditTrail> logger, AuditMetrics metrics,
        ISecurityEventPublisher? events = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(securityOptions);
        _store = store;
        _keys = keys;
        _time = time;
        _logger = logger;
        _events = events;
        ChainId = securityOptions.Value.ApplicationName;
        _writer = new AuditWriter(store, keys, time, logger, metrics, ChainId, options.Value);
    }

    public string ChainId { get; }

    public ValueTask AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var pending = AuditRecordValidator.Prepare(record, ChainId, _keys, _time);
        return _writer.EnqueueAsync(pending, cancellationToken);
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => _writer.FlushAsync(cancellationToken);

    public async Task<AuditVerificationResult> VerifyAsync(AuditVerificationRange? range = null, CancellationToken cancellationToken = default)
    {
        var result = await new AuditStoreVerifier(_store, _keys, ChainId).VerifyAsync(range, cancellationToken).ConfigureAwait(false);
        if (result.IsValid)
        {
            Log.AuditVerified(_logger, ChainId, result.EntriesVerified, result.CheckpointsVerified, result.LastSequence);
            return result;
        }

        Log.AuditVerificationFailed(_logger, ChainId, result.Failure, result.FirstBrokenSequence, result.Detail);
        _events?.Publish(new SecurityEvent
        {
            Type = SecurityEventType.AuditTamperDetected,
            Timestamp = _time.GetUtcNow(),
            Resource = $"audit:{ChainId}:{result.FirstBrokenSequence}",
            Reason = result.Failure.ToString(),
        });
        return result;
    }

    public IAsyncEnumerable<AuditEntry> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        return _store.QueryAsync(ChainId, query, cancellationToken);
    }

    public Task ExportAsync(Stream destination, AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        if (!destination.CanWrite)
        {
            throw new ArgumentException("The export destination must be writable.", nameof(destination));
        }

        return new AuditExportWriter(_store, _keys, _time, ChainId).WriteAsync(destination, query, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _disposed, 1);
        await _writer.DisposeAsync().ConfigureAwait(false);
    }

    // The container may dispose synchronously; the pending records must still be flushed.
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
