using TekUp.Security.Principals;

namespace TekUp.Security.Auth.Authentication;

/// <summary>The outcome of <see cref="IAuthenticator.AuthenticateAsync"/>. Carries no secret.</summary>
public sealed class AuthenticationResult
{
    private static readonly AuthenticationResult[] BareFailures = CreateBareFailures();

    private AuthenticationResult(AuthenticationFailureReason reason)
    {
        FailureReason = reason;
        ReasonCode = reason.ToCode();
    }

    /// <summary>Whether the caller is authenticated.</summary>
    public bool Succeeded => FailureReason == AuthenticationFailureReason.None;

    /// <summary>Why authentication failed, or <see cref="AuthenticationFailureReason.None"/>.</summary>
    public AuthenticationFailureReason FailureReason { get; }

    /// <summary>The stable reason code, for example <c>revoked_key</c>; <c>none</c> on success.</summary>
    public string ReasonCode { get; }

    /// <summary>The authenticated principal (tenant, key id as subject, scopes) on success.</summary>
    public SecurityPrincipal? Principal { get; private init; }

    /// <summary>The tenant, when the pipeline got far enough to know it.</summary>
    public string? TenantId { get; private init; }

    /// <summary>The API key id, when known (for a session token: the key it was created from).</summary>
    public string? KeyId { get; private init; }

    /// <summary>The key's hash prefix, when the key was hashed; never the key.</summary>
    public string? KeyHashPrefix { get; private init; }

    /// <summary>The session token id (<c>jti</c>) when a session token was presented and read.</summary>
    public string? SessionTokenId { get; private init; }

    /// <summary>The session token's expiry when a valid session token authenticated the request.</summary>
    public DateTimeOffset? SessionExpiresAt { get; private init; }

    /// <summary>For <see cref="AuthenticationFailureReason.RateLimited"/>: how long to wait before trying again.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>Whether the request authenticated with a session token rather than an API key.</summary>
    public bool IsSessionToken => SessionTokenId is not null;

    /// <summary>A failure with no further detail (shared instances).</summary>
    /// <param name="reason">The reason; not <see cref="AuthenticationFailureReason.None"/>.</param>
    public static AuthenticationResult Failed(AuthenticationFailureReason reason)
    {
        if (reason == AuthenticationFailureReason.None || (int)reason < 0 || (int)reason >= BareFailures.Length || BareFailures[(int)reason] is null)
        {
            throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a failure reason.");
        }

        return BareFailures[(int)reason];
    }

    internal static AuthenticationResult Failed(AuthenticationFailureReason reason, string? tenantId, string? keyId, string? keyHashPrefix, string? sessionTokenId = null)
        => tenantId is null && keyId is null && keyHashPrefix is null && sessionTokenId is null
            ? Failed(reason)
            : new(reason) { TenantId = tenantId, KeyId = keyId, KeyHashPrefix = keyHashPrefix, SessionTokenId = sessionTokenId };

    internal static AuthenticationResult RateLimited(TimeSpan retryAfter, string? tenantId, string? keyId, string? keyHashPrefix)
        => new(AuthenticationFailureReason.RateLimited) { RetryAfter = retryAfter, TenantId = tenantId, KeyId = keyId, KeyHashPrefix = keyHashPrefix };

    internal static AuthenticationResult Success(SecurityPrincipal principal, string keyId, string keyHashPrefix)
        => new(AuthenticationFailureReason.None) { Principal = principal, TenantId = principal.TenantId, KeyId = keyId, KeyHashPrefix = keyHashPrefix };

    internal static AuthenticationResult SessionSuccess(SecurityPrincipal principal, string keyId, string tokenId, DateTimeOffset expiresAt)
        => new(AuthenticationFailureReason.None) { Principal = principal, TenantId = principal.TenantId, KeyId = keyId, SessionTokenId = tokenId, SessionExpiresAt = expiresAt };

    /// <summary>Returns the outcome and identifiers, never a secret.</summary>
    public override string ToString() => Succeeded
        ? $"Authenticated {TenantId}/{KeyId}{(IsSessionToken ? " (session)" : string.Empty)}"
        : $"Failed: {ReasonCode}";

    private static AuthenticationResult[] CreateBareFailures()
    {
        var values = Enum.GetValues<AuthenticationFailureReason>();
        var failures = new AuthenticationResult[values.Max(v => (int)v) + 1];
        foreach (var value in values)
        {
            if (value != AuthenticationFailureReason.None)
            {
                failures[(int)value] = new AuthenticationResult(value);
            }
        }

        return failures;
    }
}
