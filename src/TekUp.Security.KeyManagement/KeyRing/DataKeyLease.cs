using TekUp.Security.Cryptography;
using TekUp.Security.KeyManagement.Internal;

namespace TekUp.Security.KeyManagement;

/// <summary>
/// A data key held for the duration of a piece of work: the key ring does not zero it before the lease is disposed.
/// Dispose the lease promptly (a held lease keeps the key in memory past the cache lifetime). Disposing twice is harmless.
/// </summary>
public sealed class DataKeyLease : IDisposable
{
    private CachedKey? _entry;

    internal DataKeyLease(CachedKey entry)
    {
        _entry = entry;
        Key = entry.Key;
    }

    /// <summary>The leased key. Do not dispose it; dispose the lease.</summary>
    public AeadKey Key { get; }

    /// <summary>The key's id.</summary>
    public Guid KeyId => Key.KeyId;

    /// <summary>Ends the lease.</summary>
    public void Dispose() => Interlocked.Exchange(ref _entry, null)?.Release();
}
