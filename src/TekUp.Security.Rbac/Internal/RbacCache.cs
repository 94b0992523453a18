using System.Collections.Concurrent;
using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TekUp.Security.Rbac.Internal;

/// <summary>
/// Compiled permission sets per (tenant, principal), built on demand and kept until the tenant's roles or assignments
/// change. Changes through this process's <see cref="IRoleManager"/> invalidate at once; changes by other instances
/// are noticed when the tenant's epoch, re-read from the store at most every <see cref="RbacOptions.EpochCheckInterval"/>,
/// has moved. Everything a check reads is immutable and replaced atomically, so the cache is lock-free for readers.
/// A timer on <see cref="TimeProvider"/> marks every tenant stale once per interval, so a warm check reads no clock.
/// </summary>
internal sealed class RbacCache : IDisposable
{
    private readonly ConcurrentDictionary<string, TenantState> _tenants = new(StringComparer.Ordinal);
    private readonly IRoleStore _roles;
    private readonly IRoleAssignmentStore _assignments;
    private readonly ILogger _logger;
    private readonly bool _alwaysCheckEpoch;
    private readonly int _maxPrincipals;
    private readonly Lock _evictionLock = new();
    private readonly ITimer _timer;
    private long _generation;
    private long _tick;
    private int _count;

    public RbacCache(IRoleStore roles, IRoleAssignmentStore assignments, TimeProvider time, IOptions<RbacOptions> options, ILogger<RbacCache> logger)
    {
        _roles = roles;
        _assignments = assignments;
        _logger = logger;
        var o = options.Value;
        _alwaysCheckEpoch = o.EpochCheckInterval <= TimeSpan.Zero;
        _maxPrincipals = o.MaxCachedPrincipals;

        // Each tick ends the freshness of every tenant's epoch (and counts time for eviction); with a zero interval,
        // freshness never starts and the ticks only serve eviction.
        var period = _alwaysCheckEpoch ? TimeSpan.FromSeconds(1) : o.EpochCheckInterval;
        _timer = time.CreateTimer(static state => ((RbacCache)state!).OnTick(), this, period, period);
    }

    /// <summary>How many permission sets are cached (approximate between evictions).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The hot path: a cached set whose tenant epoch was confirmed within the interval, or <see langword="null"/>.</summary>
    public CompiledPermissionSet? TryGet(string tenantId, string subjectId)
    {
        if (!_tenants.TryGetValue(tenantId, out var state) || !IsFresh(state) || !state.Principals.TryGetValue(subjectId, out var set))
        {
            return null;
        }

        var tick = Volatile.Read(ref _tick);
        if (set.LastUsed != tick)
        {
            set.LastUsed = tick;
        }

        return set;
    }

    /// <summary>Returns the principal's set, confirming the tenant's epoch and compiling the set when needed.</summary>
    public async ValueTask<CompiledPermissionSet> GetAsync(string tenantId, string subjectId, CancellationToken cancellationToken)
    {
        var state = await GetTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        if (state.Principals.TryGetValue(subjectId, out var cached))
        {
            cached.LastUsed = Volatile.Read(ref _tick);
            return cached;
        }

        var generation = Volatile.Read(ref _generation);
        var assignments = await _assignments.ListForSubjectAsync(tenantId, subjectId, cancellationToken).ConfigureAwait(false);
        var roleIds = new string[assignments.Count];
        for (var i = 0; i < roleIds.Length; i++)
        {
            roleIds[i] = assignments[i].RoleId;
        }

        var set = PermissionSetCompiler.Compile(state.Roles, roleIds);
        set.LastUsed = Volatile.Read(ref _tick);
        RbacMetrics.Compiled();
        Log.PermissionSetCompiled(_logger, tenantId, roleIds.Length, set.Effective.Count, state.Epoch);

        if (_tenants.TryGetValue(tenantId, out var current) && ReferenceEquals(current, state) && state.Principals.TryAdd(subjectId, set))
        {
            // An invalidation that raced the compile may have been missed by the entry just added: drop it again.
            if (Volatile.Read(ref _generation) != generation)
            {
                state.Principals.TryRemove(new KeyValuePair<string, CompiledPermissionSet>(subjectId, set));
            }
            else if (Interlocked.Increment(ref _count) > _maxPrincipals)
            {
                Evict();
            }
        }

        return set;
    }

    /// <summary>Forgets everything about a tenant: its roles changed.</summary>
    public void InvalidateTenant(string tenantId)
    {
        Interlocked.Increment(ref _generation);
        if (_tenants.TryRemove(tenantId, out var state))
        {
            Interlocked.Add(ref _count, -state.Principals.Count);
        }

        Log.CacheInvalidated(_logger, tenantId);
    }

    /// <summary>
    /// Forgets one principal's set after its assignments changed from <paramref name="previousEpoch"/> to the next epoch.
    /// The tenant's roles did not change, so its other principals' sets stay, and the tenant's known epoch moves on.
    /// </summary>
    public void InvalidatePrincipal(string tenantId, string subjectId, long previousEpoch)
    {
        Interlocked.Increment(ref _generation);
        if (!_tenants.TryGetValue(tenantId, out var state))
        {
            return;
        }

        if (Interlocked.CompareExchange(ref state.Epoch, previousEpoch + 1, previousEpoch) != previousEpoch)
        {
            // Something else changed the tenant meanwhile: start afresh.
            InvalidateTenant(tenantId);
            return;
        }

        if (state.Principals.TryRemove(subjectId, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    public void Dispose() => _timer.Dispose();

    private bool IsFresh(TenantState state) => !_alwaysCheckEpoch && Volatile.Read(ref state.Stale) == 0;

    private void OnTick()
    {
        Interlocked.Increment(ref _tick);
        foreach (var state in _tenants.Values)
        {
            Volatile.Write(ref state.Stale, 1);
        }
    }

    /// <summary>Marks a state fresh, unless a tick passed since its epoch was read (then the read may be too old).</summary>
    private void Confirm(TenantState state, long tickBeforeRead)
    {
        if (Volatile.Read(ref _tick) == tickBeforeRead)
        {
            Volatile.Write(ref state.Stale, 0);
        }
    }

    private async ValueTask<TenantState> GetTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        var tick = Volatile.Read(ref _tick);
        if (_tenants.TryGetValue(tenantId, out var state))
        {
            if (IsFresh(state))
            {
                return state;
            }

            var epoch = await _roles.GetEpochAsync(tenantId, cancellationToken).ConfigureAwait(false);
            if (epoch == Volatile.Read(ref state.Epoch))
            {
                Confirm(state, tick);
                return state;
            }

            if (_tenants.TryRemove(new KeyValuePair<string, TenantState>(tenantId, state)))
            {
                Interlocked.Add(ref _count, -state.Principals.Count);
                Log.EpochChanged(_logger, tenantId, state.Epoch, epoch);
            }
        }

        var generation = Volatile.Read(ref _generation);
        var snapshot = await _roles.ListAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var roles = new Dictionary<string, Role>(StringComparer.Ordinal);
        foreach (var role in snapshot.Roles)
        {
            roles[role.Id] = role;
        }

        var fresh = new TenantState(snapshot.Epoch, roles.ToFrozenDictionary(StringComparer.Ordinal));
        Confirm(fresh, tick);
        var winner = _tenants.AddOrUpdate(tenantId, fresh, (_, existing) => existing.Epoch >= fresh.Epoch ? existing : fresh);
        if (ReferenceEquals(winner, fresh) && Volatile.Read(ref _generation) != generation)
        {
            // The roles just read may predate an invalidation that ran meanwhile: use them for this check only.
            _tenants.TryRemove(new KeyValuePair<string, TenantState>(tenantId, fresh));
        }

        return winner;
    }

    /// <summary>Drops the least recently used tenth of the cached sets (and tenants left without any).</summary>
    private void Evict()
    {
        if (!_evictionLock.TryEnter())
        {
            return;
        }

        try
        {
            var entries = new List<(TenantState State, string Subject, long LastUsed)>();
            foreach (var state in _tenants.Values)
            {
                foreach (var (subject, set) in state.Principals)
                {
                    entries.Add((state, subject, set.LastUsed));
                }
            }

            var target = _maxPrincipals - Math.Max(1, _maxPrincipals / 10);
            var remove = entries.Count - target;
            if (remove > 0)
            {
                entries.Sort((a, b) => a.LastUsed.CompareTo(b.LastUsed));
                for (var i = 0; i < remove; i++)
                {
                    entries[i].State.Principals.TryRemove(entries[i].Subject, out _);
                }
            }

            var count = 0;
            foreach (var (tenantId, state) in _tenants)
            {
                var principals = state.Principals.Count;
                if (principals == 0)
                {
                    _tenants.TryRemove(new KeyValuePair<string, TenantState>(tenantId, state));
                }

                count += principals;
            }

            Volatile.Write(ref _count, count);
            Log.CacheEvicted(_logger, Math.Max(remove, 0), count);
        }
        finally
        {
            _evictionLock.Exit();
        }
    }

    /// <summary>What this instance knows of one tenant: its roles at one epoch and the principals' sets compiled from them.</summary>
    private sealed class TenantState(long epoch, FrozenDictionary<string, Role> roles)
    {
        public long Epoch = epoch;

        /// <summary>1 until the epoch is confirmed, and again from the next tick on.</summary>
        public int Stale = 1;

        public FrozenDictionary<string, Role> Roles { get; } = roles;

        public ConcurrentDictionary<string, CompiledPermissionSet> Principals { get; } = new(StringComparer.Ordinal);
    }
}
