using TekUp.Security.Cryptography;
using TekUp.Security.DataClasses;

namespace TekUp.Security.KeyManagement.Internal;

/// <summary>
/// One unwrapped key in the cache, with a lease count that decides when it may be zeroed.
/// </summary>
/// <remarks>
/// Protocol: <see cref="TryAcquire"/> increments the lease count and fails if the entry is retired or claimed;
/// <see cref="Retire"/> stops new leases; <see cref="TryClaim"/> swaps a zero count for a large negative sentinel,
/// which succeeds only when nobody holds a lease and makes every later acquire fail. Once claimed, the last
/// hand-out time can no longer change, so the ring zeroes the key when that time plus the hand-out grace period
/// has passed.
/// </remarks>
internal sealed class CachedKey(AeadKey key, string tenantId, DataClass dataClass, DataKeyState state, long loadedAt, long expiresAt)
{
    private const int Claimed = int.MinValue / 2;

    private int _leases;
    private int _retired;
    private long _lastHandOut = long.MinValue;
    private long _lastUsed = loadedAt;
    private long _pendingUses;
    private long _persistedUses = -1;

    public AeadKey Key { get; } = key;

    public Guid KeyId => Key.KeyId;

    public string TenantId { get; } = tenantId;

    public DataClass DataClass { get; } = dataClass;

    /// <summary>The state when the key was loaded: <see cref="DataKeyState.Active"/> or <see cref="DataKeyState.Rotated"/>.</summary>
    public DataKeyState State { get; } = state;

    /// <summary>The <see cref="TimeProvider.GetTimestamp"/> value at which the entry expires.</summary>
    public long ExpiresAt { get; } = expiresAt;

    public bool IsRetired => Volatile.Read(ref _retired) != 0;

    public bool IsClaimed => Volatile.Read(ref _leases) < 0;

    public long LastUsed => Volatile.Read(ref _lastUsed);

    public long LastHandOut => Interlocked.Read(ref _lastHandOut);

    public long PendingUses => Interlocked.Read(ref _pendingUses);

    /// <summary>The stored use count as last read or written, or -1 when unknown.</summary>
    public long PersistedUses
    {
        get => Interlocked.Read(ref _persistedUses);
        set => Interlocked.Exchange(ref _persistedUses, value);
    }

    public bool TryAcquire(long now)
    {
        if (Interlocked.Increment(ref _leases) <= 0 || Volatile.Read(ref _retired) != 0)
        {
            Interlocked.Decrement(ref _leases);
            return false;
        }

        Volatile.Write(ref _lastUsed, now);
        return true;
    }

    public void Release() => Interlocked.Decrement(ref _leases);

    /// <summary>Records that the key leaves the ring's control (a raw hand-out); call while holding a lease.</summary>
    public void MarkHandedOut(long now) => Interlocked.Exchange(ref _lastHandOut, now);

    /// <summary>Counts one encryption and returns the number not yet persisted.</summary>
    public long AddUse() => Interlocked.Increment(ref _pendingUses);

    /// <summary>Takes the uses not yet persisted (the caller adds them to the store, or gives them back on failure).</summary>
    public long TakePendingUses() => Interlocked.Exchange(ref _pendingUses, 0);

    public void ReturnPendingUses(long uses) => Interlocked.Add(ref _pendingUses, uses);

    /// <summary>Stops new leases. Returns <see langword="true"/> for the caller that retired it.</summary>
    public bool Retire() => Interlocked.Exchange(ref _retired, 1) == 0;

    /// <summary>
    /// True when the entry is claimed: retired, and no lease was held when it was claimed. No lease can be taken afterwards.
    /// </summary>
    public bool TryClaim() => IsRetired && (IsClaimed || Interlocked.CompareExchange(ref _leases, Claimed, 0) == 0);
}
