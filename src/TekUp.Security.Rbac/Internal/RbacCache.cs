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
/// </summary>
internal sealed class RbacCache
{
    private readonly ConcurrentDictionary<string, TenantState> _tenants = new(StringComparer.Ordinal);
    private readonly IRoleStore _roles;
    private readonly IRoleAssignmentStore _assignments;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly long _epochCheckTicks;
    private readonly long _touchTicks;
    private readonly int _maxPrincipals;
    private readonly Lock _evictionLock = new();
    private long _generation;
    private int _count;

    public RbacCache(IRoleStore roles, IRoleAssignmentStore assignments, TimeProvider time, IOptions<RbacOptions> options, ILogger<RbacCache> logger)
    {
        _roles = roles;
        _assignments = assignments;
        _time = time;
        _logger = logger;
        var o = options.Value;
        _epochCheckTicks = o.EpochCheckInterval <= TimeSpan.Zero
            ? -1
            : (long)(o.EpochCheckInterval.TotalSeconds * time.TimestampFrequency);
        _touchTicks = time.TimestampFrequency / 10;
        _maxPrincipals = o.MaxCachedPrincipals;
    }

    /// <summary>How many permission sets are cached (approximate between evictions).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The hot path: a cached set whose tenant epoch was confirmed recently enough, or <see langword="null"/>.</summary>
    public CompiledPermissionSet? TryGet(string tenantId, string subjectId)
    {
        if (!_tenants.TryGetValue(tenantId, out var state) || !state.Principals.TryGetValue(subjectId, out var set))
        {
            return null;
        }

        var now = _time.GetTimestamp();
        if (!IsFresh(state, now))
        {
            return null;
        }

        if (now - Volatile.Read(ref set.LastUsed) > _touchTicks)
        {
            Volatile.Write(ref set.LastUsed, now);
        }

        return set;
    }

    /// <summary>Returns the principal's set, confirming the tenant's epoch and compiling the set when needed.</summary>
    public async ValueTask<CompiledPermissionSet> GetAsync(string tenantId, string subjectId, CancellationToken cancellationToken)
    {
        var state = await GetTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        if (state.Principals.TryGetValue(subjectId, out var cached))
        {
            Volatile.Write(ref cached.LastUsed, _time.GetTimestamp());
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
        set.LastUsed = _time.GetTimestamp();
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

    private bool IsFresh(TenantState state, long now) =>
        _epochCheckTicks >= 0 && now - Volatile.Read(ref state.CheckedAt) <= _epochCheckTicks;

    private async ValueTask<TenantState> GetTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        var checkedAt = _time.GetTimestamp();
        if (_tenants.TryGetValue(tenantId, out var state))
        {
            if (IsFresh(state, checkedAt))
            {
                return state;
            }

            var epoch = await _roles.GetEpochAsync(tenantId, cancellationToken).ConfigureAwait(false);
            if (epoch == Volatile.Read(ref state.Epoch))
            {
                Volatile.Write(ref state.CheckedAt, checkedAt);
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

        var fresh = new TenantState(snapshot.Epoch, roles.ToFrozenDictionary(StringComparer.Ordinal), checkedAt);
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
                    entries.Add((state, subject, Volatile.Read(ref set.LastUsed)));
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
    private sealed class TenantState(long epoch, FrozenDictionary<string, Role> roles, long checkedAt)
    {
        public long Epoch = epoch;

        public long CheckedAt = checkedAt;

        public FrozenDictionary<string, Role> Roles { get; } = roles;

        public ConcurrentDictionary<string, CompiledPermissionSet> Principals { get; } = new(StringComparer.Ordinal);
    }
}
