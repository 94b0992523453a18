namespace TekUp.Security.Auth.Authentication;

/// <summary>
/// The authentication pipeline, a thread-safe singleton. In order: rate limit (client address) → key format and
/// checksum (or token shape) → lookup by hash, then the per-key rate limit → key state and expiry → tenant status →
/// blocked addresses and the tenant's allow-list → session token (signature, lifetime, revocation, address binding)
/// → audit. Every failure returns a result with a reason, publishes a security event and writes an audit entry that
/// names the key only by its hash prefix. There is no artificial delay; secrets are compared in fixed time.
/// </summary>
public interface IAuthenticator
{
    /// <summary>Authenticates one request. Never throws for bad input; throws for store or infrastructure faults.</summary>
    /// <param name="request">The credential and client address.</param>
    /// <param name="cancellationToken">Cancels store access.</param>
    ValueTask<AuthenticationResult> AuthenticateAsync(AuthenticationRequest request, CancellationToken cancellationToken = default);
}
