using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using TekUp.Security.Internal;
using TekUp.Security.Storage;

namespace TekUp.Security.Auditing.Internal;

/// <summary>
/// The single writer of one chain in this process. Records wait in a bounded channel (a full channel makes
/// <see cref="EnqueueAsync"/> wait: back-pressure, never loss); one consumer drains up to a batch, chains it onto the
/// head it holds, signs the checkpoints and stores the batch in one transaction. A conflict (another process extended
/// the chain) re-reads the head and re-chains; a store failure keeps the batch, surfaces on every flush waiting for
/// it, and is retried with back-off until it succeeds.
/// </summary>
internal sealed class AuditWriter : IAsyncDisposable
{
    private const int MaxConflictRetries = 32;
    private const int ShutdownAttempts = 3;
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly IAuditStore _store;
    private readonly IAuditKeyProvider _keys;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly AuditMetrics _metrics;
    private readonly string _chainId;
    private readonly int _batchSize;
    private readonly int _checkpointInterval;
    private readonly TimeSpan _maxRetryDelay;
    private readonly Channel<object> _queue;
    private readonly AuditCanonicalForm _canonical = new();
    private readonly Lock _stateLock = new();
    private readonly HashSet<FlushMarker> _markers = [];
    private readonly TaskCompletionSource _closingSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _consumer;

    private Exception? _failure;
    private CancellationTokenSource _failureSignal = new();
    private TaskCompletionSource<Exception?> _nextAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _retryNow = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ChainHead? _head;
    private volatile bool _closing;
    private bool _abandon;
    private long _lost;
    private int _disposed;

    public AuditWriter(IAuditStore store, IAuditKeyProvider keys, TimeProvider time, ILogger logger, AuditMetrics metrics, string chainId, AuditTrailOptions options)
    {
        _store = store;
        _keys = keys;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _chainId = chainId;
        _batchSize = options.BatchSize;
        _checkpointInterval = options.CheckpointInterval;
        _maxRetryDelay = options.MaxRetryDelay;
        _queue = Channel.CreateBounded<object>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
        _consumer = Task.Run(RunAsync);
    }

    public ValueTask EnqueueAsync(PendingAuditRecord record, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _queue.Writer.TryWrite(record) ? default : EnqueueSlowAsync(record, cancellationToken);
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Volatile.Read(ref _disposed) != 0)
            {
                await _consumer.WaitAsync(cancellationToken).ConfigureAwait(false);
                ThrowIfLost();
                return;
            }

            FlushMarker? marker = null;
            Task<Exception?>? attempt = null;
            CancellationToken failureToken;
            lock (_stateLock)
            {
                failureToken = _failureSignal.Token;
                if (_failure is not null)
                {
                    // The consumer is backing off on a failed batch: ask for an attempt now and report its outcome.
                    attempt = _nextAttempt.Task;
                    _retryNow.TrySetResult();
                }
                else
                {
                    marker = new FlushMarker();
                    _markers.Add(marker);
                }
            }

            if (attempt is not null)
            {
                var error = await attempt.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (error is not null)
                {
                    throw StoreFailed(error);
                }

                continue;
            }

            await WaitForMarkerAsync(marker!, failureToken, cancellationToken).ConfigureAwait(false);
            return;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _closing = true;
            _closingSignal.TrySetResult();
            _queue.Writer.TryComplete();
        }

        await _consumer.ConfigureAwait(false);
        _failureSignal.Dispose();
    }

    private async ValueTask EnqueueSlowAsync(object item, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex)
        {
            throw new ObjectDisposedException("The audit trail was disposed; the record was not queued.", ex);
        }
    }

    private async Task WaitForMarkerAsync(FlushMarker marker, CancellationToken failureToken, CancellationToken cancellationToken)
    {
        try
        {
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, failureToken))
            {
                try
                {
                    await _queue.Writer.WriteAsync(marker, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // A batch failed while the flush waited for queue space: the marker was faulted with the failure.
                }
                catch (ChannelClosedException)
                {
                    // Disposed: everything queued has been drained (or logged as lost).
                    await _consumer.ConfigureAwait(false);
                    marker.TrySetResult();
                }
            }

            await marker.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            lock (_stateLock)
            {
                _markers.Remove(marker);
            }

            throw;
        }

        ThrowIfLost();
    }

    private void ThrowIfLost()
    {
        var lost = Volatile.Read(ref _lost);
        if (lost > 0)
        {
            throw new TekUpStorageException($"{lost} audit records could not be stored before the trail was disposed.");
        }
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<PendingAuditRecord>(_batchSize);
        var markers = new List<FlushMarker>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _batchSize && reader.TryRead(out var item))
            {
                if (item is FlushMarker marker)
                {
                    // A flush covers what was queued before it: end the batch here.
                    markers.Add(marker);
                    break;
                }

                batch.Add((PendingAuditRecord)item);
            }

            var stored = batch.Count == 0 || await StoreWithRetryAsync(batch).ConfigureAwait(false);
            lock (_stateLock)
            {
                foreach (var marker in markers)
                {
                    _markers.Remove(marker);
                    if (stored)
                    {
                        marker.TrySetResult();
                    }
                    else
                    {
                        marker.TrySetException(new TekUpStorageException("Audit records were lost at shutdown because the store kept failing."));
                    }
                }
            }

            batch.Clear();
            markers.Clear();
        }
    }

    private async Task<bool> StoreWithRetryAsync(List<PendingAuditRecord> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            Exception? error = null;
            if (!_abandon)
            {
                try
                {
                    await StoreAsync(batch).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // Any store fault must keep the batch and be reported, never crash the consumer.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    error = ex;
                }

                EndAttempt(error, attempt);
                if (error is null)
                {
                    return true;
                }

                _metrics.StoreFailures.Add(1);
                Log.AuditStoreFailed(_logger, error, _chainId, batch.Count, attempt);
            }

            if (_closing && (_abandon || attempt >= ShutdownAttempts))
            {
                _abandon = true;
                EndAttempt(new TekUpStorageException("Audit records were lost at shutdown because the store kept failing."), attempt);
                Interlocked.Add(ref _lost, batch.Count);
                Log.AuditRecordsLost(_logger, _chainId, batch.Count);
                return false;
            }

            await WaitBeforeRetryAsync(attempt).ConfigureAwait(false);
        }
    }

    private void EndAttempt(Exception? error, int attempt)
    {
        TaskCompletionSource<Exception?> completed;
        lock (_stateLock)
        {
            completed = _nextAttempt;
            _nextAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
            if (error is null)
            {
                if (_failure is not null)
                {
                    _failure = null;
                    _failureSignal = new CancellationTokenSource();
                    Log.AuditStoreRecovered(_logger, _chainId, attempt - 1);
                }
            }
            else
            {
                _failure = error;
                var wrapped = StoreFailed(error);
                foreach (var marker in _markers)
                {
                    marker.TrySetException(wrapped);
                }

                _markers.Clear();
                _failureSignal.Cancel();
            }
        }

        completed.TrySetResult(error);
    }

    private async Task WaitBeforeRetryAsync(int attempt)
    {
        if (_closing)
        {
            return;
        }

        var delay = TimeSpan.FromTicks(Math.Min(_maxRetryDelay.Ticks, FirstRetryDelay.Ticks << Math.Min(attempt - 1, 20)));
        Task retryNow;
        lock (_stateLock)
        {
            retryNow = _retryNow.Task;
        }

        using var cancelDelay = new CancellationTokenSource();
        var delayTask = Task.Delay(delay, _time, cancelDelay.Token);
        await Task.WhenAny(delayTask, retryNow, _closingSignal.Task).ConfigureAwait(false);
        await cancelDelay.CancelAsync().ConfigureAwait(false);
        lock (_stateLock)
        {
            if (_retryNow.Task.IsCompleted)
            {
                _retryNow = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    private async Task StoreAsync(List<PendingAuditRecord> batch)
    {
        for (var conflicts = 0; ; conflicts++)
        {
            _head ??= await LoadHeadAsync().ConfigureAwait(false);
            var (auditBatch, newHead) = Chain(batch, _head);
            try
            {
                await _store.AppendAsync(auditBatch, CancellationToken.None).ConfigureAwait(false);
            }
            catch (AuditChainConflictException) when (conflicts < MaxConflictRetries)
            {
                _head = null;
                _metrics.Conflicts.Add(1);
                Log.AuditChainConflict(_logger, _chainId, batch.Count, conflicts + 1);
                continue;
            }
            catch
            {
                _head = null;
                throw;
            }

            _head = newHead;
            _metrics.Appended.Add(batch.Count);
            _metrics.BatchSize.Record(batch.Count);
            Log.AuditBatchStored(_logger, _chainId, auditBatch.FirstSequence, newHead.Sequence);
            foreach (var checkpoint in auditBatch.Checkpoints)
            {
                // An external witness: the log pipeline keeps every periodic checkpoint's hash.
                Log.AuditCheckpointSigned(_logger, _chainId, checkpoint.Sequence, checkpoint.Hash, checkpoint.KeyId);
            }

            return;
        }
    }

    private async Task<ChainHead> LoadHeadAsync()
    {
        var head = await _store.GetHeadAsync(_chainId).ConfigureAwait(false);
        if (head is null)
        {
            var last = await _store.GetLastSequenceAsync(_chainId).ConfigureAwait(false);
            return last == 0
                ? ChainHead.Genesis
                : throw new AuditCorruptionException(1, $"Audit chain '{_chainId}' holds {last} entries but no head: the head was deleted. Appends are refused until the chain is verified and repaired.");
        }

        // Never extend a head that does not verify: signing a new head over it would launder a truncated chain.
        var verifier = new AuditChainVerifier(_chainId, _keys);
        if (head.Kind != AuditCheckpointKind.Head || !verifier.StartAfter(head))
        {
            var detail = verifier.Result().Detail ?? "The stored head is not a head checkpoint.";
            throw new AuditCorruptionException(head.Sequence, $"Audit chain '{_chainId}': the stored head does not verify, so appends are refused. {detail}");
        }

        var hash = new byte[AuditCanonicalForm.HashSize];
        AuditCanonicalForm.TryParseHash(head.Hash, hash);
        return new ChainHead(head.Sequence, hash, head.Hash, head.PreviousCheckpointSequence);
    }

    private (AuditBatch Batch, ChainHead Head) Chain(List<PendingAuditRecord> batch, ChainHead head)
    {
        var entries = new AuditEntry[batch.Count];
        List<AuditCheckpoint>? checkpoints = null;
        Span<byte> previous = stackalloc byte[AuditCanonicalForm.HashSize];
        Span<byte> hash = stackalloc byte[AuditCanonicalForm.HashSize];
        head.Hash.CopyTo(previous);
        var previousHex = head.HashHex;
        var sequence = head.Sequence;
        var lastPeriodic = head.LastPeriodic;
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        for (var i = 0; i < batch.Count; i++)
        {
            var record = batch[i];
            sequence++;
            AuditCanonicalForm.ChainHash(sequence, record.ContentHash, previous, hash);
            var hex = Convert.ToHexStringLower(hash);
            entries[i] = new AuditEntry
            {
                ChainId = _chainId,
                Sequence = sequence,
                Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(record.TimestampMilliseconds),
                TenantId = record.TenantId,
                EventType = record.EventType,
                Actor = record.Actor,
                SubjectPseudonym = record.SubjectPseudonym,
                Resource = record.Resource,
                Outcome = record.Outcome,
                Reason = record.Reason,
                Data = record.Data,
                PreviousHash = previousHex,
                Hash = hex,
            };

            if (sequence % _checkpointInterval == 0)
            {
                (checkpoints ??= []).Add(Sign(AuditCheckpointKind.Periodic, sequence, hash, hex, lastPeriodic, now));
                lastPeriodic = sequence;
            }

            hash.CopyTo(previous);
            previousHex = hex;
        }

        var newHead = Sign(AuditCheckpointKind.Head, sequence, previous, previousHex, lastPeriodic, now);
        return (new AuditBatch(_chainId, entries, checkpoints ?? [], newHead), new ChainHead(sequence, previous.ToArray(), previousHex, lastPeriodic));
    }

    private AuditCheckpoint Sign(AuditCheckpointKind kind, long sequence, ReadOnlySpan<byte> hash, string hashHex, long previousCheckpoint, long timestampMilliseconds)
    {
        var data = _canonical.Checkpoint(kind, _chainId, sequence, hash, previousCheckpoint, timestampMilliseconds, AuditCanonicalForm.Algorithm);
        Span<byte> signature = stackalloc byte[AuditCanonicalForm.HashSize];
        var keyId = _keys.Sign(data, signature);
        return new AuditCheckpoint
        {
            ChainId = _chainId,
            Kind = kind,
            Sequence = sequence,
            Hash = hashHex,
            PreviousCheckpointSequence = previousCheckpoint,
            Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(timestampMilliseconds),
            Algorithm = AuditCanonicalForm.Algorithm,
            KeyId = keyId,
            Signature = Convert.ToHexStringLower(signature),
        };
    }

    private static TekUpStorageException StoreFailed(Exception error)
    {
        var message = $"Storing audit records failed; they stay queued and are retried. {error.Message}";
        return error is AuditCorruptionException ? new AuditCorruptionException(message, error) : new TekUpStorageException(message, error);
    }

    private sealed class FlushMarker() : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed record ChainHead(long Sequence, byte[] Hash, string HashHex, long LastPeriodic)
    {
        public static ChainHead Genesis { get; } = new(0, new byte[AuditCanonicalForm.HashSize], AuditCanonicalForm.GenesisHash, 0);
    }
}
