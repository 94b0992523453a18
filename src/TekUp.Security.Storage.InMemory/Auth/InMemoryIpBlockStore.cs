using System.Runtime.CompilerServices;
using TekUp.Security.Auth.Networking;

namespace TekUp.Security.Storage.InMemory;

/// <summary>Keeps IP blocks in memory. Thread-safe.</summary>
internal sealed class InMemoryIpBlockStore : IIpBlockStore
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, IpBlock> _blocks = new(StringComparer.Ordinal);

    public Task UpsertAsync(IpBlock block, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(block);
        lock (_lock)
        {
            _blocks[block.Address] = block;
        }

        return Task.CompletedTask;
    }

    public Task<bool> RemoveAsync(string address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        lock (_lock)
        {
            return Task.FromResult(_blocks.Remove(address));
        }
    }

    public ValueTask<IpBlock?> FindAsync(string address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        lock (_lock)
        {
            return ValueTask.FromResult(_blocks.GetValueOrDefault(address));
        }
    }

    public async IAsyncEnumerable<IpBlock> ListActiveAsync(DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        IpBlock[] active;
        lock (_lock)
        {
            active = [.. _blocks.Values.Where(b => b.BlockedUntil > now)];
        }

        foreach (var block in active)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return block;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var expired = _blocks.Values.Where(b => b.BlockedUntil <= now).Select(b => b.Address).ToList();
            foreach (var address in expired)
            {
                _blocks.Remove(address);
            }

            return Task.FromResult(expired.Count);
        }
    }
}
