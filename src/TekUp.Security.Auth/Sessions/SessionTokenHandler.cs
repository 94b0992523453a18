using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TekUp.Security.Auth.Authentication;
using TekUp.Security.Auth.Networking;
using TekUp.Security.Principals;
using TekUp.Security.Networking;

namespace TekUp.Security.Auth.Sessions;

/// <summary>
/// Writes and validates session JWTs with <see cref="JsonWebTokenHandler"/>: HS256 only, <c>kid</c> per tenant signing
/// key, issuer and audience pinned, lifetime checked on <see cref="TimeProvider"/> with a small skew, and the result of
/// <see cref="JsonWebTokenHandler.ValidateTokenAsync(SecurityToken, TokenValidationParameters)"/> checked (it reports
/// failures in the result, not by throwing).
/// </summary>
internal sealed class SessionTokenHandler
{
    public const string TenantClaim = "tid";
    public const string ScopeClaim = "scope";
    public const string ClientIpClaim = "cip";
    public const string IssuedAtMillisecondsClaim = "iat_ms";

    private static readonly System.Buffers.SearchValues<char> Base64UrlAndDot =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false, MapInboundClaims = false };
    private readonly ConcurrentDictionary<string, SymmetricSecurityKey> _resolvedKeys = new(StringComparer.Ordinal);
    private readonly ISessionSigningKeySource _keys;
    private readonly TimeProvider _timeProvider;
    private readonly SessionTokenOptions _options;
    private readonly TokenValidationParameters _parameters;

    public SessionTokenHandler(ISessionSigningKeySource keys, IOptions<AuthOptions> options, TimeProvider timeProvider)
    {
        _keys = keys;
        _timeProvider = timeProvider;
        _options = options.Value.Sessions;
        _handler.MaximumTokenSizeInBytes = _options.MaxTokenLength;
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidAudience = _options.Audience,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidTypes = [JwtConstants.HeaderType],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            RequireAudience = true,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = false,
            TryAllIssuerSigningKeys = false,
            ClockSkew = _options.ClockSkew,
            LifetimeValidator = (notBefore, expires, _, _) => ClassifyLifetime(notBefore, expires) == AuthenticationFailureReason.None,
            IssuerSigningKeyResolver = (_, _, kid, _) => kid is not null && _resolvedKeys.TryGetValue(kid, out var key) ? [key] : [],
            NameClaimType = JwtRegisteredClaimNames.Sub,
        };
    }

    /// <summary>The validation parameters (benchmarks compare against a bare handler with the same settings).</summary>
    internal TokenValidationParameters Parameters => _parameters;

    public async Task<SessionToken> CreateAsync(SecurityPrincipal principal, string keyId, TimeSpan lifetime, IPAddress? boundClientIp, CancellationToken cancellationToken)
    {
        var key = await _keys.GetSigningKeyAsync(principal.TenantId, cancellationToken).ConfigureAwait(false);
        var now = _timeProvider.GetUtcNow();
        var expires = now + lifetime;
        var tokenId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [JwtRegisteredClaimNames.Sub] = keyId,
            [JwtRegisteredClaimNames.Jti] = tokenId,
            [TenantClaim] = principal.TenantId,
            [IssuedAtMillisecondsClaim] = now.ToUnixTimeMilliseconds(),
        };
        if (principal.Scopes.Count > 0)
        {
            claims[ScopeClaim] = string.Join(' ', principal.Scopes);
        }

        if (boundClientIp is not null)
        {
            claims[ClientIpClaim] = IpAddresses.Normalize(boundClientIp).ToString();
        }

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        return new SessionToken(token, tokenId, principal.TenantId, keyId, now, expires);
    }

    /// <summary>Validates the token itself (shape, algorithm, key, signature, issuer, audience, lifetime, claims).</summary>
    public async ValueTask<SessionValidation> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length > _options.MaxTokenLength || token.AsSpan().Count('.') != 2 || token.AsSpan().ContainsAnyExcept(Base64UrlAndDot))
        {
            return new(AuthenticationFailureReason.MalformedToken);
        }

        // The header alone is decoded first (alg and kid, no exceptions): the signing key must be fetched
        // asynchronously before validation, and the handler then parses the token once, as a bare call would.
        var header = SessionTokenHeader.Read(token);
        if (header.Status == SessionTokenHeader.ReadStatus.Malformed)
        {
            return new(AuthenticationFailureReason.MalformedToken);
        }

        if (!string.Equals(header.Algorithm, SecurityAlgorithms.HmacSha256, StringComparison.Ordinal))
        {
            return new(AuthenticationFailureReason.InvalidTokenAlgorithm);
        }

        if (!SessionKeyIds.TryParse(header.KeyId, out var tenantId, out var dataKeyId))
        {
            return new(AuthenticationFailureReason.UnknownSigningKey);
        }

        var kid = header.KeyId!;
        var key = await _keys.FindValidationKeyAsync(tenantId, dataKeyId, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            _resolvedKeys.TryRemove(kid, out _);
            return new(AuthenticationFailureReason.UnknownSigningKey) { TenantId = tenantId };
        }

        if (!_resolvedKeys.TryGetValue(kid, out var known) || !ReferenceEquals(known, key))
        {
            _resolvedKeys[kid] = key;
        }

        var result = await _handler.ValidateTokenAsync(token, _parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return new(Classify(result.Exception, token)) { TenantId = tenantId };
        }

        return result.SecurityToken is JsonWebToken jwt ? ReadClaims(jwt, tenantId) : new(AuthenticationFailureReason.InvalidToken) { TenantId = tenantId };
    }

    private static SessionValidation ReadClaims(JsonWebToken jwt, string tenantId)
    {
        if (!jwt.TryGetPayloadValue<string>(TenantClaim, out var claimedTenant) || claimedTenant != tenantId
            || !jwt.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Sub, out var keyId) || string.IsNullOrEmpty(keyId)
            || !jwt.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Jti, out var tokenId) || string.IsNullOrEmpty(tokenId)
            || !jwt.TryGetPayloadValue<long>(IssuedAtMillisecondsClaim, out var issuedAtMs))
        {
            return new(AuthenticationFailureReason.InvalidToken) { TenantId = tenantId };
        }

        IPAddress? boundIp = null;
        if (jwt.TryGetPayloadValue<string>(ClientIpClaim, out var cip) && !IpAddresses.TryParse(cip, out boundIp))
        {
            return new(AuthenticationFailureReason.InvalidToken) { TenantId = tenantId };
        }

        var scopes = jwt.TryGetPayloadValue<string>(ScopeClaim, out var scope) && !string.IsNullOrEmpty(scope)
            ? scope.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : [];
        return new SessionValidation(AuthenticationFailureReason.None)
        {
            TenantId = tenantId,
            KeyId = keyId,
            TokenId = tokenId,
            IssuedAt = DateTimeOffset.FromUnixTimeMilliseconds(issuedAtMs),
            ExpiresAt = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero),
            BoundClientIp = boundIp,
            Principal = new SecurityPrincipal { TenantId = tenantId, SubjectId = keyId, Kind = PrincipalKind.ApiKey, Scopes = scopes },
        };
    }

    private AuthenticationFailureReason Classify(Exception? exception, string token) => exception switch
    {
        SecurityTokenInvalidLifetimeException or SecurityTokenExpiredException or SecurityTokenNotYetValidException or SecurityTokenNoExpirationException
            => LifetimeFailure(token),
        SecurityTokenInvalidAlgorithmException => AuthenticationFailureReason.InvalidTokenAlgorithm,
        SecurityTokenSignatureKeyNotFoundException => AuthenticationFailureReason.UnknownSigningKey,
        SecurityTokenInvalidSignatureException => AuthenticationFailureReason.InvalidTokenSignature,
        SecurityTokenInvalidIssuerException => AuthenticationFailureReason.InvalidTokenIssuer,
        SecurityTokenInvalidAudienceException => AuthenticationFailureReason.InvalidTokenAudience,
        SecurityTokenMalformedException => AuthenticationFailureReason.MalformedToken,
        _ => AuthenticationFailureReason.InvalidToken,
    };

    /// <summary>The lifetime rule, on <see cref="TimeProvider"/>: nbf and exp present, lifetime at most 24 hours, now within [nbf - skew, exp + skew).</summary>
    internal AuthenticationFailureReason ClassifyLifetime(DateTime? notBefore, DateTime? expires)
    {
        if (notBefore is not { } nbf || expires is not { } exp || exp <= nbf || exp - nbf > SessionTokenOptions.MaxLifetime)
        {
            return AuthenticationFailureReason.InvalidTokenLifetime;
        }

        var now = _timeProvider.GetUtcNow().UtcDateTime;
        if (nbf > now + _options.ClockSkew)
        {
            return AuthenticationFailureReason.TokenNotYetValid;
        }

        return exp + _options.ClockSkew <= now ? AuthenticationFailureReason.TokenExpired : AuthenticationFailureReason.None;
    }

    private AuthenticationFailureReason LifetimeFailure(string token)
    {
        // Failure path only: the signature verified, so reading the token again to say which bound failed is safe.
        JsonWebToken jwt;
        try
        {
            jwt = _handler.ReadJsonWebToken(token);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException)
        {
            return AuthenticationFailureReason.InvalidTokenLifetime;
        }

        DateTime? notBefore = jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Nbf, out _) ? jwt.ValidFrom : null;
        DateTime? expires = jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out _) ? jwt.ValidTo : null;
        var reason = ClassifyLifetime(notBefore, expires);
        return reason == AuthenticationFailureReason.None ? AuthenticationFailureReason.InvalidTokenLifetime : reason;
    }

}

/// <summary>The outcome of validating the token itself.</summary>
internal readonly record struct SessionValidation(AuthenticationFailureReason Reason)
{
    public string? TenantId { get; init; }

    public string? KeyId { get; init; }

    public string? TokenId { get; init; }

    public DateTimeOffset IssuedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public IPAddress? BoundClientIp { get; init; }

    public SecurityPrincipal? Principal { get; init; }
}
