using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace TekUp.Security.Auth.RateLimiting;

/// <summary>
/// The two partitioned limiters of the pipeline: per normalised client address, and per API key (the key's id once
/// the lookup has identified it, with the tenant's settings; session tokens share their key's bucket).
/// </summary>
internal sealed class AuthRateLimiter : IClientRateLimiter
{
    private readonly bool _enabled;
    private readonly BoundedPartitionedRateLimiter<IPAddress, IPAddress> _clients;
    private readonly BoundedPartitionedRateLimiter<KeyPartition, string> _keys;

    public AuthRateLimiter(IOptions<AuthOptions> options, TimeProvider timeProvider)
    {
        var limits = options.Value.RateLimits;
        _enabled = limits.Enabled;
        var perClient = limits.PerClientIp.Clone();
        var perKey = limits.PerApiKey.Clone();
        var tenants = limits.Tenants.ToDictionary(p => p.Key, p => p.Value.Clone(), StringComparer.Ordinal);
        _clients = new BoundedPartitionedRateLimiter<IPAddress, IPAddress>(static ip => ip, _ => perClient, perClient, limits.MaxPartitions, timeProvider);
        _keys = new BoundedPartitionedRateLimiter<KeyPartition, string>(
            static p => p.KeyId,
            p => tenants.TryGetValue(p.TenantId, out var tenant) ? tenant : perKey,
            perKey,
            limits.MaxPartitions,
            timeProvider,
            StringComparer.Ordinal);
    }

    /// <summary>The per-address limiter (exposed for the ASP.NET Core middleware and tests).</summary>
    public PartitionedRateLimiter<IPAddress> Clients => _clients;

    /// <summary>Takes a permit for a normalised client address.</summary>
    public RateLimitDecision AcquireClient(IPAddress normalizedAddress) =>
        _enabled ? Decide(_clients.AttemptAcquire(normalizedAddress)) : RateLimitDecision.Admitted;

    public ClientRateLimitResult TryAcquire(IPAddress clientIp)
    {
        ArgumentNullException.ThrowIfNull(clientIp);
        var decision = AcquireClient(TekUp.Security.Networking.IpAddresses.Normalize(clientIp));
        return new ClientRateLimitResult(decision.IsAdmitted, decision.RetryAfter);
    }

    /// <summary>Takes a permit for a key.</summary>
    public RateLimitDecision AcquireKey(string tenantId, string keyId) =>
        _enabled ? Decide(_keys.AttemptAcquire(new KeyPartition(tenantId, keyId))) : RateLimitDecision.Admitted;

    private static RateLimitDecision Decide(RateLimitLease lease)
    {
        using (lease)
        {
            return lease switch
            {
                { IsAcquired: true } => RateLimitDecision.Admitted,
                TokenBucketLease.Refused refused => new RateLimitDecision(false, refused.RetryAfter, refused.IsFirstRefusal),
                _ => new RateLimitDecision(false, lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromSeconds(1), true),
            };
        }
    }

    internal readonly record struct KeyPartition(string TenantId, string KeyId);
}

/// <summary>Whether a permit was granted; when not, how long to wait and whether this is the first refusal in a row.</summary>
internal readonly record struct RateLimitDecision(bool IsAdmitted, TimeSpan RetryAfter, bool IsFirstRefusal)
{
    public static RateLimitDecision Admitted { get; } = new(true, TimeSpan.Zero, false);
}
