namespace TekUp.Security.Auth.Sessions;

/// <summary>A revoked session token, kept until the token would have expired anyway.</summary>
public sealed record SessionTokenRevocation
{
    /// <summary>The token's tenant.</summary>
    public required string TenantId { get; init; }

    /// <summary>The token id (<c>jti</c>).</summary>
    public required string TokenId { get; init; }

    /// <summary>The token's expiry; the revocation can be purged after it.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When the token was revoked.</summary>
    public DateTimeOffset RevokedAt { get; init; }
}

/// <summary>
/// "Every token of this tenant (or of this API key) issued at or before <see cref="IssuedBefore"/> is revoked."
/// </summary>
public sealed record SessionCutoff
{
    /// <summary>The tenant.</summary>
    public required string TenantId { get; init; }

    /// <summary>The API key, or <see langword="null"/> for every token of the tenant.</summary>
    public string? KeyId { get; init; }

    /// <summary>Tokens issued at or before this instant (compared in milliseconds) are refused.</summary>
    public required DateTimeOffset IssuedBefore { get; init; }
}

/// <summary>Persists session revocations. Implemented by every storage provider. Thread-safe.</summary>
public interface ISessionRevocationStore
{
    /// <summary>How long a cut-off is kept: the longest token lifetime (24 hours) plus the largest clock skew (5 minutes).</summary>
    static TimeSpan CutoffRetention => SessionTokenOptions.MaxLifetime + TimeSpan.FromMinutes(5);

    /// <summary>Records a revoked token. Revoking the same token again is harmless.</summary>
    Task AddRevocationAsync(SessionTokenRevocation revocation, CancellationToken cancellationToken = default);

    /// <summary>Records a cut-off. When one exists for the same tenant and key, the later instant is kept.</summary>
    Task AddCutoffAsync(SessionCutoff cutoff, CancellationToken cancellationToken = default);

    /// <summary>Lists revocations of tokens that have not expired at <paramref name="now"/>.</summary>
    IAsyncEnumerable<SessionTokenRevocation> ListRevocationsAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Lists every cut-off.</summary>
    IAsyncEnumerable<SessionCutoff> ListCutoffsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes what can no longer refuse a valid token, and returns how many records went: revocations of tokens expired
    /// at or before <paramref name="now"/>, and cut-offs older than <see cref="CutoffRetention"/> (every token issued
    /// before them has expired, since no token lives longer than 24 hours plus the largest allowed skew).
    /// </summary>
    Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}
