using System.Runtime.CompilerServices;
using TekUp.Security.Auth.Sessions;

namespace TekUp.Security.Storage.InMemory;

/// <summary>Keeps session revocations and cut-offs in memory. Thread-safe.</summary>
internal sealed class InMemorySessionRevocationStore : ISessionRevocationStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string, string), SessionTokenRevocation> _revocations = [];
    private readonly Dictionary<(string, string), SessionCutoff> _cutoffs = [];

    public Task AddRevocationAsync(SessionTokenRevocation revocation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        lock (_lock)
        {
            _revocations.TryAdd((revocation.TenantId, revocation.TokenId), revocation);
        }

        return Task.CompletedTask;
    }

    public Task AddCutoffAsync(SessionCutoff cutoff, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cutoff);
        var key = (cutoff.TenantId, cutoff.KeyId ?? string.Empty);
        lock (_lock)
        {
            if (!_cutoffs.TryGetValue(key, out var existing) || existing.IssuedBefore < cutoff.IssuedBefore)
            {
                _cutoffs[key] = cutoff;
            }
        }

        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<SessionTokenRevocation> ListRevocationsAsync(DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        SessionTokenRevocation[] active;
        lock (_lock)
        {
            active = [.. _revocations.Values.Where(r => r.ExpiresAt > now)];
        }

        foreach (var revocation in active)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return revocation;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public async IAsyncEnumerable<SessionCutoff> ListCutoffsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        SessionCutoff[] cutoffs;
        lock (_lock)
        {
            cutoffs = [.. _cutoffs.Values];
        }

        foreach (var cutoff in cutoffs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return cutoff;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var expired = _revocations.Where(p => p.Value.ExpiresAt <= now).Select(p => p.Key).ToList();
            foreach (var key in expired)
            {
                _revocations.Remove(key);
            }

            var oldest = now - ISessionRevocationStore.CutoffRetention;
            var stale = _cutoffs.Where(p => p.Value.IssuedBefore < oldest).Select(p => p.Key).ToList();
            foreach (var key in stale)
            {
                _cutoffs.Remove(key);
            }

            return Task.FromResult(expired.Count + stale.Count);
        }
    }
}
