namespace TekUp.Security.Auth.Networking;

/// <summary>Persists IP blocks. Implemented by every storage provider. Thread-safe.</summary>
public interface IIpBlockStore
{
    /// <summary>Creates or replaces the block of <see cref="IpBlock.Address"/>.</summary>
    Task UpsertAsync(IpBlock block, CancellationToken cancellationToken = default);

    /// <summary>Removes the block of an address. Returns <see langword="false"/> when there was none.</summary>
    Task<bool> RemoveAsync(string address, CancellationToken cancellationToken = default);

    /// <summary>Finds the block of an address (active or not), or returns <see langword="null"/>.</summary>
    ValueTask<IpBlock?> FindAsync(string address, CancellationToken cancellationToken = default);

    /// <summary>Lists the blocks still active at <paramref name="now"/>, ordered by address.</summary>
    IAsyncEnumerable<IpBlock> ListActiveAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Deletes blocks that ended at or before <paramref name="now"/> and returns how many.</summary>
    Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}
