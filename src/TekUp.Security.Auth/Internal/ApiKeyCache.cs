using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TekUp.Security.Auth.ApiKeys;
using TekUp.Security.Auth.Authentication;
using TekUp.Security.Principals;

namespace TekUp.Security.Auth.Internal;

/// <summary>
/// Key records by hash, for <see cref="AuthOptions.CacheDuration"/>, at most <see cref="AuthOptions.MaxCachedKeys"/>.
/// Each entry also holds the ready principal and success result, so a warm authentication allocates nothing.
/// Revocations and rotations in this process remove the entry at once; other instances see them within the TTL.
/// </summary>
internal sealed class ApiKeyCache
{
    private readonly ConcurrentDictionary<ApiKeyHash, Entry> _entries = new();
    private readonly TimeProvider _timeProvider;
    private readonly long _ttlTicks;
    private readonly int _maxEntries;
    private int _count;
    private long _generation;

    public ApiKeyCache(IOptions<AuthOptions> options, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        var duration = options.Value.CacheDuration;
        _ttlTicks = (long)(duration.TotalSeconds * timeProvider.TimestampFrequency);
        _maxEntries = options.Value.MaxCachedKeys;
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Changes on every removal. A caller reads it before loading a record from the store and passes it to
    /// <see cref="Create"/>, which then does not cache a record that a concurrent revocation may have made stale.
    /// </summary>
    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet(in ApiKeyHash hash, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Entry? entry)
    {
        if (_entries.TryGetValue(hash, out entry))
        {
            if (_timeProvider.GetTimestamp() < entry.ExpiresAtTimestamp)
            {
                return true;
            }

            Remove(hash, entry);
        }

        entry = null;
        return false;
    }

    public Entry Create(in ApiKeyHash hash, ApiKeyRecord record, long generationBeforeLoad)
    {
        var entry = new Entry(record, _timeProvider.GetTimestamp() + _ttlTicks);
        if (_ttlTicks <= 0 || _maxEntries == 0 || Generation != generationBeforeLoad)
        {
            return entry;
        }

        if (Volatile.Read(ref _count) >= _maxEntries)
        {
            RemoveExpired();
            if (Volatile.Read(ref _count) >= _maxEntries)
            {
                return entry;
            }
        }

        if (_entries.TryAdd(hash, entry))
        {
            Interlocked.Increment(ref _count);
        }
        else
        {
            _entries[hash] = entry;
        }

        if (Generation != generationBeforeLoad)
        {
            // A removal raced with the insert: drop what was just added rather than keep a possibly stale record.
            Remove(hash, entry);
        }

        return entry;
    }

    public void Remove(ReadOnlySpan<byte> hash)
    {
        Interlocked.Increment(ref _generation);
        if (hash.Length == ApiKeyHashes.HashLength && _entries.TryRemove(new ApiKeyHash(hash), out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    public void RemoveTenant(string tenantId)
    {
        Interlocked.Increment(ref _generation);
        foreach (var pair in _entries)
        {
            if (pair.Value.Record.TenantId == tenantId && _entries.TryRemove(pair))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }

    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        foreach (var pair in _entries)
        {
            if (_entries.TryRemove(pair))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }

    private void Remove(in ApiKeyHash hash, Entry entry)
    {
        if (_entries.TryRemove(new KeyValuePair<ApiKeyHash, Entry>(hash, entry)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    private void RemoveExpired()
    {
        var now = _timeProvider.GetTimestamp();
        foreach (var pair in _entries)
        {
            if (pair.Value.ExpiresAtTimestamp <= now && _entries.TryRemove(pair))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }

    /// <summary>A cached key with its ready-made principal and success result.</summary>
    internal sealed class Entry
    {
        public Entry(ApiKeyRecord record, long expiresAtTimestamp)
        {
            Record = record;
            ExpiresAtTimestamp = expiresAtTimestamp;
            HashPrefix = record.HashPrefix;
            Principal = new SecurityPrincipal
            {
                TenantId = record.TenantId,
                SubjectId = record.Id,
                Kind = PrincipalKind.ApiKey,
                Scopes = record.Scopes,
            };
            Success = AuthenticationResult.Success(Principal, record.Id, HashPrefix);
        }

        public ApiKeyRecord Record { get; }

        public string HashPrefix { get; }

        public SecurityPrincipal Principal { get; }

        public AuthenticationResult Success { get; }

        public long ExpiresAtTimestamp { get; }

        /// <summary>The timestamp of the last use handed to the usage recorder (see <see cref="ApiKeyUsageRecorder"/>).</summary>
        public long LastUsageRecorded;
    }
}
