using TekUp.Security.Auth.Authentication;

namespace TekUp.Security.Auth.Sessions;

/// <summary>
/// Creates and revokes session tokens: short-lived HS256 JWTs signed with a per-tenant key derived from the tenant's
/// data key through KeyManagement. A token is validated by <see cref="IAuthenticator"/> like an API key.
/// </summary>
public interface ISessionTokenService
{
    /// <summary>
    /// Creates a session token for a caller that <see cref="IAuthenticator"/> authenticated with an API key. Writes
    /// an audit entry.
    /// </summary>
    /// <exception cref="ArgumentException">The result is not a successful API-key authentication, or the lifetime is out of range.</exception>
    Task<SessionToken> CreateAsync(AuthenticationResult authenticated, SessionTokenRequest? request = null, CancellationToken cancellationToken = default);

    /// <summary>Revokes one token by id until its expiry. Idempotent; takes effect at once in this process.</summary>
    Task RevokeAsync(string tenantId, string tokenId, DateTimeOffset expiresAt, string reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Revokes every token of a tenant (when <paramref name="keyId"/> is <see langword="null"/>) or of one API key issued
    /// at or before <paramref name="issuedBefore"/> (millisecond precision; a token issued in the same millisecond is
    /// revoked too, the safe side). A later cut-off replaces an earlier one; an earlier one is ignored.
    /// </summary>
    Task RevokeIssuedBeforeAsync(string tenantId, string? keyId, DateTimeOffset issuedBefore, string reason, CancellationToken cancellationToken = default);
}
