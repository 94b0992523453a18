namespace TekUp.Security.Auth.Authentication;

/// <summary>
/// Why authentication failed. Each value has a stable snake_case reason code (<see cref="AuthenticationReasons.ToCode"/>)
/// that results, problem details, security events and audit entries carry.
/// </summary>
public enum AuthenticationFailureReason
{
    /// <summary>Not a failure.</summary>
    None = 0,

    /// <summary><c>missing_credential</c>: no API key and no session token.</summary>
    MissingCredential = 1,

    /// <summary><c>rate_limited</c>: too many requests from the client address or with the key; see <see cref="AuthenticationResult.RetryAfter"/>.</summary>
    RateLimited = 2,

    /// <summary><c>malformed_key</c>: not <c>tk_</c> + 64 lowercase hex digits (wrong length, prefix or character).</summary>
    MalformedKey = 3,

    /// <summary><c>bad_checksum</c>: well formed, but the CRC-32 does not match: mistyped or invented.</summary>
    BadChecksum = 4,

    /// <summary><c>unknown_key</c>: no key has this hash.</summary>
    UnknownKey = 5,

    /// <summary><c>revoked_key</c>: the key was revoked.</summary>
    RevokedKey = 6,

    /// <summary><c>expired_key</c>: the key's expiry (or its rotation overlap) has passed.</summary>
    ExpiredKey = 7,

    /// <summary><c>unknown_tenant</c>: the credential's tenant does not exist.</summary>
    UnknownTenant = 8,

    /// <summary><c>tenant_suspended</c>: the tenant is suspended.</summary>
    TenantSuspended = 9,

    /// <summary><c>tenant_deactivated</c>: the tenant is deactivated.</summary>
    TenantDeactivated = 10,

    /// <summary><c>ip_blocked</c>: the client address is on the blocked list.</summary>
    IpBlocked = 11,

    /// <summary><c>ip_not_allowed</c>: the client address is outside the tenant's allow-list.</summary>
    IpNotAllowed = 12,

    /// <summary><c>allow_list_invalid</c>: the tenant's allow-list has an invalid entry, so every address is refused (fail closed).</summary>
    AllowListInvalid = 13,

    /// <summary><c>client_ip_unknown</c>: the tenant has an allow-list but the request has no client address.</summary>
    ClientIpUnknown = 14,

    /// <summary><c>malformed_token</c>: the session token is not a compact JWS (segments, size, encoding).</summary>
    MalformedToken = 20,

    /// <summary><c>invalid_token_algorithm</c>: the token's <c>alg</c> is not HS256 (including <c>none</c>).</summary>
    InvalidTokenAlgorithm = 21,

    /// <summary><c>unknown_signing_key</c>: the token's <c>kid</c> names no usable signing key (unknown, revoked or destroyed).</summary>
    UnknownSigningKey = 22,

    /// <summary><c>invalid_token_signature</c>: the signature does not verify.</summary>
    InvalidTokenSignature = 23,

    /// <summary><c>token_expired</c>: the token expired (beyond the allowed clock skew).</summary>
    TokenExpired = 24,

    /// <summary><c>token_not_yet_valid</c>: the token's <c>nbf</c> is in the future (beyond the allowed clock skew).</summary>
    TokenNotYetValid = 25,

    /// <summary><c>invalid_token_lifetime</c>: the token has no expiry, or a lifetime above the maximum.</summary>
    InvalidTokenLifetime = 26,

    /// <summary><c>invalid_token_issuer</c>: the issuer is not this application.</summary>
    InvalidTokenIssuer = 27,

    /// <summary><c>invalid_token_audience</c>: the audience is not this application.</summary>
    InvalidTokenAudience = 28,

    /// <summary><c>invalid_token</c>: the token fails validation for another reason (missing claims, tenant mismatch...).</summary>
    InvalidToken = 29,

    /// <summary><c>token_revoked</c>: the token, its key or its tenant's sessions were revoked.</summary>
    TokenRevoked = 30,

    /// <summary><c>token_ip_mismatch</c>: the token is bound to another client address.</summary>
    TokenIpMismatch = 31,
}
