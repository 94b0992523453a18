namespace TekUp.Security.Auth.Authentication;

/// <summary>The stable reason codes of <see cref="AuthenticationFailureReason"/>.</summary>
public static class AuthenticationReasons
{
    /// <summary>Returns the snake_case reason code, for example <c>unknown_key</c>; <c>none</c> for <see cref="AuthenticationFailureReason.None"/>.</summary>
    /// <param name="reason">The reason.</param>
    public static string ToCode(this AuthenticationFailureReason reason) => reason switch
    {
        AuthenticationFailureReason.None => "none",
        AuthenticationFailureReason.MissingCredential => "missing_credential",
        AuthenticationFailureReason.RateLimited => "rate_limited",
        AuthenticationFailureReason.MalformedKey => "malformed_key",
        AuthenticationFailureReason.BadChecksum => "bad_checksum",
        AuthenticationFailureReason.UnknownKey => "unknown_key",
        AuthenticationFailureReason.RevokedKey => "revoked_key",
        AuthenticationFailureReason.ExpiredKey => "expired_key",
        AuthenticationFailureReason.UnknownTenant => "unknown_tenant",
        AuthenticationFailureReason.TenantSuspended => "tenant_suspended",
        AuthenticationFailureReason.TenantDeactivated => "tenant_deactivated",
        AuthenticationFailureReason.IpBlocked => "ip_blocked",
        AuthenticationFailureReason.IpNotAllowed => "ip_not_allowed",
        AuthenticationFailureReason.AllowListInvalid => "allow_list_invalid",
        AuthenticationFailureReason.ClientIpUnknown => "client_ip_unknown",
        AuthenticationFailureReason.MalformedToken => "malformed_token",
        AuthenticationFailureReason.InvalidTokenAlgorithm => "invalid_token_algorithm",
        AuthenticationFailureReason.UnknownSigningKey => "unknown_signing_key",
        AuthenticationFailureReason.InvalidTokenSignature => "invalid_token_signature",
        AuthenticationFailureReason.TokenExpired => "token_expired",
        AuthenticationFailureReason.TokenNotYetValid => "token_not_yet_valid",
        AuthenticationFailureReason.InvalidTokenLifetime => "invalid_token_lifetime",
        AuthenticationFailureReason.InvalidTokenIssuer => "invalid_token_issuer",
        AuthenticationFailureReason.InvalidTokenAudience => "invalid_token_audience",
        AuthenticationFailureReason.InvalidToken => "invalid_token",
        AuthenticationFailureReason.TokenRevoked => "token_revoked",
        AuthenticationFailureReason.TokenIpMismatch => "token_ip_mismatch",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown authentication failure reason."),
    };

    /// <summary>
    /// Whether the failure is about where the request came from (blocked or not allowed address) rather than who sent
    /// it: HTTP hosts answer these with 403 instead of 401.
    /// </summary>
    /// <param name="reason">The reason.</param>
    public static bool IsAddressRefusal(this AuthenticationFailureReason reason) =>
        reason is AuthenticationFailureReason.IpBlocked
            or AuthenticationFailureReason.IpNotAllowed
            or AuthenticationFailureReason.AllowListInvalid
            or AuthenticationFailureReason.ClientIpUnknown
            or AuthenticationFailureReason.TokenIpMismatch;
}
