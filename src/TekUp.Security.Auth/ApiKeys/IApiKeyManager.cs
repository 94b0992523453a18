namespace TekUp.Security.Auth.ApiKeys;

/// <summary>Issues, rotates and revokes API keys. A thread-safe singleton.</summary>
public interface IApiKeyManager
{
    /// <summary>Issues a new key for an existing tenant. The plaintext key is returned once and never stored.</summary>
    /// <exception cref="ArgumentException">The name, a scope or the expiry is invalid.</exception>
    /// <exception cref="InvalidOperationException">The tenant does not exist.</exception>
    Task<IssuedApiKey> IssueAsync(string tenantId, ApiKeyIssueRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Issues a replacement for a key with the same name, scopes and expiry, and lets the old key keep working for
    /// <paramref name="overlap"/> (its expiry becomes the earlier of its current expiry and now + overlap), so
    /// clients can switch without an outage. An overlap of zero expires the old key at once.
    /// </summary>
    /// <exception cref="InvalidOperationException">The key does not exist, or is revoked or expired.</exception>
    Task<IssuedApiKey> RotateAsync(string tenantId, string keyId, TimeSpan overlap, CancellationToken cancellationToken = default);

    /// <summary>
    /// Revokes a key at once (in this process; other instances within <see cref="AuthOptions.CacheDuration"/>) and
    /// revokes every session token issued from it. Revoking a revoked key returns it unchanged.
    /// </summary>
    /// <exception cref="InvalidOperationException">The key does not exist.</exception>
    Task<ApiKeyRecord> RevokeAsync(string tenantId, string keyId, string reason, CancellationToken cancellationToken = default);

    /// <summary>Revokes every active key of a tenant and all its session tokens (incident containment). Returns the number revoked.</summary>
    Task<int> RevokeAllAsync(string tenantId, string reason, CancellationToken cancellationToken = default);

    /// <summary>Finds a tenant's key by id, or returns <see langword="null"/>.</summary>
    ValueTask<ApiKeyRecord?> FindAsync(string tenantId, string keyId, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's keys.</summary>
    IAsyncEnumerable<ApiKeyRecord> ListAsync(string tenantId, CancellationToken cancellationToken = default);
}
