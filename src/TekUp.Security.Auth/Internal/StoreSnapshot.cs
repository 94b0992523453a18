using Microsoft.Extensions.Logging;

namespace TekUp.Security.Auth.Internal;

/// <summary>
/// An immutable in-memory copy of some store state (IP blocks, session revocations) that request paths read without
/// locks or I/O. It is loaded on first use, reloaded in the background every <see cref="AuthOptions.RefreshInterval"/>
/// (so changes made by other instances arrive within that bound), and replaced at once, copy-on-write, by changes made
/// in this process. Changes and reloads are serialised, so a reload never loses a local change.
/// </summary>
internal abstract class StoreSnapshot<TSnapshot> : IDisposable
    where TSnapshot : class
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly long _refreshTicks;
    private TSnapshot? _current;
    private long _nextRefreshTimestamp;
    private int _refreshing;

    protected StoreSnapshot(TimeProvider timeProvider, TimeSpan refreshInterval, ILogger logger)
    {
        TimeProvider = timeProvider;
        Logger = logger;
        _refreshTicks = (long)(refreshInterval.TotalSeconds * timeProvider.TimestampFrequency);
    }

    protected TimeProvider TimeProvider { get; }

    protected ILogger Logger { get; }

    /// <summary>The current snapshot, loading it on first use and starting a background reload when one is due.</summary>
    public ValueTask<TSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        var current = Volatile.Read(ref _current);
        if (current is null)
        {
            return LoadFirstAsync(cancellationToken);
        }

        if (TimeProvider.GetTimestamp() >= Volatile.Read(ref _nextRefreshTimestamp) && Interlocked.Exchange(ref _refreshing, 1) == 0)
        {
            _ = RefreshInBackgroundAsync();
        }

        return ValueTask.FromResult(current);
    }

    /// <summary>Reloads from the store now.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ReloadLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose()
    {
        _lock.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Reads the whole state from the store.</summary>
    protected abstract Task<TSnapshot> LoadAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Applies a change: <paramref name="change"/> writes the store and returns the new snapshot built from the current
    /// one. Serialised with reloads and other changes.
    /// </summary>
    protected async Task<TResult> ChangeAsync<TResult>(Func<TSnapshot, Task<(TSnapshot Snapshot, TResult Result)>> change, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = Volatile.Read(ref _current);
            if (current is null)
            {
                await ReloadLockedAsync(cancellationToken).ConfigureAwait(false);
                current = Volatile.Read(ref _current)!;
            }

            var (snapshot, result) = await change(current).ConfigureAwait(false);
            Volatile.Write(ref _current, snapshot);
            return result;
        }
        finally
        {
            _lock.Release();
        }
    }

    private async ValueTask<TSnapshot> LoadFirstAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _current) is { } loaded)
            {
                return loaded;
            }

            await ReloadLockedAsync(cancellationToken).ConfigureAwait(false);
            return Volatile.Read(ref _current)!;
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task ReloadLockedAsync(CancellationToken cancellationToken)
    {
        var snapshot = await LoadAsync(TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _current, snapshot);
        Volatile.Write(ref _nextRefreshTimestamp, TimeProvider.GetTimestamp() + _refreshTicks);
    }

    private async Task RefreshInBackgroundAsync()
    {
        try
        {
            await RefreshAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A background reload must not crash the process; the old snapshot stays and the reload is retried.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.SnapshotRefreshFailed(Logger, ex, GetType().Name);
            Volatile.Write(ref _nextRefreshTimestamp, TimeProvider.GetTimestamp() + _refreshTicks);
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }
}
