using System.Runtime.CompilerServices;
using TekUp.Security.Auditing;

namespace TekUp.Security.Storage.InMemory;

/// <summary>
/// Keeps audit chains in lists (index = sequence - 1). One lock per store serialises appends, as a database write
/// lock would; reads copy a page under the lock and yield it outside.
/// </summary>
internal sealed class InMemoryAuditStore : IAuditStore
{
    private const int PageSize = 1024;
    private readonly Dictionary<string, Chain> _chains = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public Task<AuditCheckpoint?> GetHeadAsync(string chainId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chainId);
        lock (_lock)
        {
            return Task.FromResult(_chains.GetValueOrDefault(chainId)?.Head);
        }
    }

    public Task AppendAsync(AuditBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (!_chains.TryGetValue(batch.ChainId, out var chain))
            {
                chain = new Chain();
                _chains.Add(batch.ChainId, chain);
            }

            var headSequence = chain.Head?.Sequence ?? 0;
            var headHash = chain.Head?.Hash ?? AuditEntry.GenesisHash;
            if (chain.Entries.Count != headSequence)
            {
                return Task.FromException(new AuditCorruptionException(headSequence + 1, $"Audit chain '{batch.ChainId}' holds {chain.Entries.Count} entries but its head is at {headSequence}."));
            }

            if (batch.FirstSequence != headSequence + 1 || !string.Equals(batch.PreviousHash, headHash, StringComparison.Ordinal))
            {
                return Task.FromException(new AuditChainConflictException(
                    $"Audit chain '{batch.ChainId}' is at sequence {headSequence}; the batch starts at {batch.FirstSequence}."));
            }

            chain.Entries.AddRange(batch.Entries);
            chain.Checkpoints.AddRange(batch.Checkpoints);
            chain.Head = batch.Head;
        }

        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<AuditEntry> ReadAsync(string chainId, long fromSequence, long toSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chainId);
        var next = Math.Max(fromSequence, 1);
        while (next <= toSequence)
        {
            cancellationToken.ThrowIfCancellationRequested();
            AuditEntry[] page;
            lock (_lock)
            {
                var entries = _chains.GetValueOrDefault(chainId)?.Entries;
                if (entries is null || next > entries.Count)
                {
                    yield break;
                }

                var count = (int)Math.Min(Math.Min(PageSize, entries.Count - next + 1), toSequence - next + 1);
                page = entries.GetRange((int)(next - 1), count).ToArray();
            }

            foreach (var entry in page)
            {
                yield return entry;
            }

            next += page.Length;
            await Task.Yield();
        }
    }

    public async IAsyncEnumerable<AuditCheckpoint> ReadCheckpointsAsync(string chainId, long fromSequence, long toSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chainId);
        AuditCheckpoint[] checkpoints;
        lock (_lock)
        {
            checkpoints = _chains.GetValueOrDefault(chainId)?.Checkpoints
                .Where(c => c.Sequence >= fromSequence && c.Sequence <= toSequence)
                .ToArray() ?? [];
        }

        foreach (var checkpoint in checkpoints)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return checkpoint;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public async IAsyncEnumerable<AuditEntry> QueryAsync(string chainId, AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var remaining = query.Limit ?? int.MaxValue;
        await foreach (var entry in ReadAsync(chainId, query.FromSequence ?? 1, query.ToSequence ?? long.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            if (!query.Matches(entry))
            {
                continue;
            }

            yield return entry;
            if (--remaining == 0)
            {
                yield break;
            }
        }
    }

    public Task<long> GetLastSequenceAsync(string chainId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chainId);
        lock (_lock)
        {
            return Task.FromResult((long)(_chains.GetValueOrDefault(chainId)?.Entries.Count ?? 0));
        }
    }

    private sealed class Chain
    {
        public List<AuditEntry> Entries { get; } = [];

        public List<AuditCheckpoint> Checkpoints { get; } = [];

        public AuditCheckpoint? Head { get; set; }
    }
}
