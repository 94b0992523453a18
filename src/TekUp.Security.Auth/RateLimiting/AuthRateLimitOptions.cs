namespace TekUp.Security.Auth.RateLimiting;

/// <summary>Rate limits of the authentication pipeline: per client address and per API key (hash), per tenant.</summary>
public sealed class AuthRateLimitOptions
{
    /// <summary>Whether rate limits apply. Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The bucket of each client address (normalised), taken before anything else, for every attempt with or without
    /// a valid credential. Default 200 burst, 100 per second.
    /// </summary>
    public TokenBucketSettings PerClientIp { get; set; } = new() { TokenLimit = 200, TokensPerPeriod = 100 };

    /// <summary>The bucket of each API key, taken once the key is identified. Default 100 burst, 50 per second.</summary>
    public TokenBucketSettings PerApiKey { get; set; } = new();

    /// <summary>Per-tenant replacements of <see cref="PerApiKey"/>, by tenant id (bound from <c>RateLimits:Tenants:&lt;id&gt;</c>).</summary>
    public IDictionary<string, TokenBucketSettings> Tenants { get; } = new Dictionary<string, TokenBucketSettings>(StringComparer.Ordinal);

    /// <summary>
    /// The most partitions (addresses or keys) each limiter keeps. Full buckets are dropped first (a full bucket is the
    /// same as a new one); beyond the bound, new partitions share one overflow bucket. Default 100,000.
    /// </summary>
    public int MaxPartitions { get; set; } = 100_000;

    /// <summary>
    /// Whether every refused request writes an audit entry. Default <see langword="false"/>: a refusal always raises a
    /// security event, but only the first refusal after an admitted request writes an audit entry, so a flood cannot
    /// drown the audit trail.
    /// </summary>
    public bool AuditEveryRefusal { get; set; }
}
