using System.Runtime.CompilerServices;
using TekUp.Security.Auditing;

namespace TekUp.Security.Core.Tests.Auditing;

/// <summary>
/// A store whose rows a test can change behind the trail's back (as an attacker with database access would), and
/// whose appends a test can fail or hold.
/// </summary>
internal sealed class ListAuditStore : IAuditStore
{
    private readonly Lock _lock = new();

    public List<AuditEntry> Entries { get; } = [];

    public List<AuditCheckpoint> Checkpoints { get; } = [];

    public AuditCheckpoint? Head { get; set; }

    /// <summary>Runs before each append; throw to fail it, await to hold it.</summary>
    public Func<AuditBatch, Task>? BeforeAppend { get; set; }

    public int AppendCalls;

    public Task<AuditCheckpoint?> GetHeadAsync(string chainId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(Head);
        }
    }

    public async Task AppendAsync(AuditBatch batch, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref AppendCalls);
        if (BeforeAppend is { } hook)
        {
            await hook(batch);
        }

        lock (_lock)
        {
            var head = Head?.Sequence ?? 0;
            if (batch.FirstSequence != head + 1 || batch.PreviousHash != (Head?.Hash ?? AuditEntry.GenesisHash))
            {
                throw new AuditChainConflictException("conflict");
            }

            Entries.AddRange(batch.Entries);
            Checkpoints.AddRange(batch.Checkpoints);
            Head = batch.Head;
        }
    }

    public async IAsyncEnumerable<AuditEntry> ReadAsync(string chainId, long fromSequence, long toSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        AuditEntry[] snapshot;
        lock (_lock)
        {
            // Stored order, as a table scan would return it after rows were moved.
            snapshot = [.. Entries.Where(e => e.Sequence >= fromSequence && e.Sequence <= toSequence)];
        }

        foreach (var entry in snapshot)
        {
            yield return entry;
        }

        await Task.CompletedTask;
    }

    public async IAsyncEnumerable<AuditCheckpoint> ReadCheckpointsAsync(string chainId, long fromSequence, long toSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        AuditCheckpoint[] snapshot;
        lock (_lock)
        {
            snapshot = [.. Checkpoints.Where(c => c.Sequence >= fromSequence && c.Sequence <= toSequence).OrderBy(c => c.Sequence)];
        }

        foreach (var checkpoint in snapshot)
        {
            yield return checkpoint;
        }

        await Task.CompletedTask;
    }

    public async IAsyncEnumerable<AuditEntry> QueryAsync(string chainId, AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var count = 0;
        await foreach (var entry in ReadAsync(chainId, 1, long.MaxValue, cancellationToken))
        {
            if (query.Matches(entry) && count++ < (query.Limit ?? int.MaxValue))
            {
                yield return entry;
            }
        }
    }

    public Task<long> GetLastSequenceAsync(string chainId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(Entries.Count == 0 ? 0 : Entries.Max(e => e.Sequence));
        }
    }
}
