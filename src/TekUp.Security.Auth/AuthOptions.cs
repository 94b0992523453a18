using TekUp.Security.Auth.RateLimiting;
using TekUp.Security.Auth.Sessions;

namespace TekUp.Security.Auth;

/// <summary>
/// Options of API-key authentication. Bound from <c>TekUp:Security:Auth</c> and validated at start.
/// </summary>
public sealed class AuthOptions
{
    /// <summary>The configuration sub-section: <c>Auth</c>.</summary>
    public const string SectionName = "Auth";

    /// <summary>
    /// The server-side pepper of API key hashes: base64 of at least 32 random bytes (for example from
    /// <c>openssl rand -base64 32</c>), kept out of the database. Changing it invalidates every issued key. When unset,
    /// the pepper is derived from the KeyManagement master key (HKDF, purpose <c>TekUp.Security/api-key-pepper/v1</c>).
    /// </summary>
    public string? ApiKeyPepper { get; set; }

    /// <summary>The expiry given to a key issued without one; <see langword="null"/> for none. Default 365 days.</summary>
    public TimeSpan? DefaultApiKeyLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>
    /// How long a key record and a tenant stay cached in memory. A revocation, expiry or tenant change made in this
    /// process applies at once; one made by another instance applies within this time. Zero disables caching.
    /// Default 30 seconds; at most 10 minutes.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most key records kept in memory. Default 10,000.</summary>
    public int MaxCachedKeys { get; set; } = 10_000;

    /// <summary>
    /// How often last-used times are written to the store, in one batch. A key's use is recorded at most once per
    /// interval, so last-used is at most this late. Default 1 minute.
    /// </summary>
    public TimeSpan LastUsedFlushInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often each instance reloads IP blocks and session revocations made by other instances. Default 30 seconds.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether every successful authentication writes an audit entry. Default <see langword="false"/> (failures always do; successes are counted in metrics).</summary>
    public bool AuditSuccesses { get; set; }

    /// <summary>
    /// Whether every successful authentication raises a security event. Default <see langword="false"/>: failures always
    /// raise one; successes are counted in the <c>tekup.auth.attempts</c> metric, which keeps the warm path allocation-free.
    /// </summary>
    public bool PublishSuccessEvents { get; set; }

    /// <summary>Rate limits.</summary>
    public AuthRateLimitOptions RateLimits { get; set; } = new();

    /// <summary>Session tokens.</summary>
    public SessionTokenOptions Sessions { get; set; } = new();
}
