using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TekUp.Security.Auditing;
using TekUp.Security.Auth.ApiKeys;
using TekUp.Security.Auth.Internal;
using TekUp.Security.Auth.Networking;
using TekUp.Security.Auth.RateLimiting;
using TekUp.Security.Auth.Sessions;
using TekUp.Security.Events;
using TekUp.Security.Tenants;
using TekUp.Security.Networking;

namespace TekUp.Security.Auth.Authentication;

/// <summary>The pipeline of <see cref="IAuthenticator"/>; see its summary for the order of the steps.</summary>
internal sealed class DefaultAuthenticator(
    AuthRateLimiter rateLimiter,
    ApiKeyHasher hasher,
    ApiKeyCache keyCache,
    IApiKeyStore keyStore,
    TenantCache tenants,
    DefaultIpBlockList blockList,
    IServiceProvider services,
    SessionRevocationCache revocations,
    ApiKeyUsageRecorder usage,
    ISecurityEventPublisher events,
    IAuditTrail audit,
    IOptions<AuthOptions> options,
    TimeProvider timeProvider,
    ILogger<DefaultAuthenticator> logger) : IAuthenticator
{
    private readonly AuthOptions _options = options.Value;
    private SessionTokenHandler? _sessionTokens;

    public ValueTask<AuthenticationResult> AuthenticateAsync(AuthenticationRequest request, CancellationToken cancellationToken = default)
    {
        var clientIp = request.ClientIp is null ? null : IpAddresses.Normalize(request.ClientIp);

        // 1. Rate limit by client address, before any parsing, hashing or I/O.
        if (clientIp is not null)
        {
            var decision = rateLimiter.AcquireClient(clientIp);
            if (!decision.IsAdmitted)
            {
                return RateLimitedAsync(decision, clientIp, null, null, null, cancellationToken);
            }
        }

        if (request.ApiKey is not null)
        {
            return AuthenticateKeyAsync(request.ApiKey, clientIp, cancellationToken);
        }

        if (request.SessionToken is not null)
        {
            return AuthenticateSessionAsync(request.SessionToken, clientIp, cancellationToken);
        }

        return FailAsync(AuthenticationResult.Failed(AuthenticationFailureReason.MissingCredential), clientIp, cancellationToken);
    }

    private async ValueTask<AuthenticationResult> AuthenticateKeyAsync(string key, IPAddress? clientIp, CancellationToken cancellationToken)
    {
        // 2. Format and checksum: constant work, no allocation, no store access for mistyped or invented keys.
        var format = ApiKeyFormat.Validate(key);
        if (format != ApiKeyFormatError.None)
        {
            var reason = format == ApiKeyFormatError.BadChecksum ? AuthenticationFailureReason.BadChecksum : AuthenticationFailureReason.MalformedKey;
            return await FailAsync(AuthenticationResult.Failed(reason), clientIp, cancellationToken).ConfigureAwait(false);
        }

        // 3. Lookup by hash (cache, then store), then the key's own rate limit.
        var hash = hasher.Compute(key);
        if (!keyCache.TryGet(hash, out var entry))
        {
            AuthMetrics.KeyCacheMiss();
            var generation = keyCache.Generation;
            var record = await keyStore.FindByHashAsync(hash.ToArray(), cancellationToken).ConfigureAwait(false);
            if (record is null || !HashEquals(record, hash))
            {
                return await FailAsync(AuthenticationResult.Failed(AuthenticationFailureReason.UnknownKey, null, null, hash.Prefix()), clientIp, cancellationToken).ConfigureAwait(false);
            }

            entry = keyCache.Create(hash, record, generation);
        }

        var keyRecord = entry.Record;
        var keyDecision = rateLimiter.AcquireKey(keyRecord.TenantId, keyRecord.Id);
        if (!keyDecision.IsAdmitted)
        {
            return await RateLimitedAsync(keyDecision, clientIp, keyRecord.TenantId, keyRecord.Id, entry.HashPrefix, cancellationToken).ConfigureAwait(false);
        }

        // 4. Key state and expiry.
        var state = keyRecord.GetState(timeProvider.GetUtcNow());
        if (state != ApiKeyState.Active)
        {
            var reason = state == ApiKeyState.Revoked ? AuthenticationFailureReason.RevokedKey : AuthenticationFailureReason.ExpiredKey;
            return await FailAsync(AuthenticationResult.Failed(reason, keyRecord.TenantId, keyRecord.Id, entry.HashPrefix), clientIp, cancellationToken).ConfigureAwait(false);
        }

        // 5-6. Tenant status, blocked addresses, allow-list.
        var refusal = await CheckTenantAndAddressAsync(keyRecord.TenantId, clientIp, cancellationToken).ConfigureAwait(false);
        if (refusal != AuthenticationFailureReason.None)
        {
            return await FailAsync(AuthenticationResult.Failed(refusal, keyRecord.TenantId, keyRecord.Id, entry.HashPrefix), clientIp, cancellationToken).ConfigureAwait(false);
        }

        // 7. No session token on this path. 8. Success: counted, optionally raised and audited; last-used batched.
        usage.Record(entry);
        await SucceedAsync(entry.Success, clientIp, cancellationToken).ConfigureAwait(false);
        return entry.Success;
    }

    private async ValueTask<AuthenticationResult> AuthenticateSessionAsync(string token, IPAddress? clientIp, CancellationToken cancellationToken)
    {
        // 2-3. Token shape, algorithm, kid → the tenant's signing key, signature, issuer, audience, lifetime, claims.
        // Resolved on first use: API-key authentication works without KeyManagement; session tokens need it.
        _sessionTokens ??= services.GetRequiredService<SessionTokenHandler>();
        var validation = await _sessionTokens.ValidateAsync(token, cancellationToken).ConfigureAwait(false);
        if (validation.Reason != AuthenticationFailureReason.None)
        {
            return await FailAsync(AuthenticationResult.Failed(validation.Reason, validation.TenantId, null, null), clientIp, cancellationToken).ConfigureAwait(false);
        }

        var tenantId = validation.TenantId!;
        var keyId = validation.KeyId!;
        var tokenId = validation.TokenId!;
        var keyDecision = rateLimiter.AcquireKey(tenantId, keyId);
        if (!keyDecision.IsAdmitted)
        {
            return await RateLimitedAsync(keyDecision, clientIp, tenantId, keyId, null, cancellationToken).ConfigureAwait(false);
        }

        // 4. Credential state: the token, its key or its tenant's sessions revoked.
        var revoked = await revocations.GetAsync(cancellationToken).ConfigureAwait(false);
        if (revoked.IsRevoked(tenantId, keyId, tokenId, validation.IssuedAt))
        {
            return await FailAsync(AuthenticationResult.Failed(AuthenticationFailureReason.TokenRevoked, tenantId, keyId, null, tokenId), clientIp, cancellationToken).ConfigureAwait(false);
        }

        // 5-6. Tenant status, blocked addresses, allow-list.
        var refusal = await CheckTenantAndAddressAsync(tenantId, clientIp, cancellationToken).ConfigureAwait(false);

        // 7. Session token binding to the client address it was created for.
        if (refusal == AuthenticationFailureReason.None && validation.BoundClientIp is { } bound && (clientIp is null || !bound.Equals(clientIp)))
        {
            refusal = AuthenticationFailureReason.TokenIpMismatch;
        }

        if (refusal != AuthenticationFailureReason.None)
        {
            return await FailAsync(AuthenticationResult.Failed(refusal, tenantId, keyId, null, tokenId), clientIp, cancellationToken).ConfigureAwait(false);
        }

        // 8. Success.
        var result = AuthenticationResult.SessionSuccess(validation.Principal!, keyId, tokenId, validation.ExpiresAt);
        usage.Record(tenantId, keyId);
        await SucceedAsync(result, clientIp, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async ValueTask<AuthenticationFailureReason> CheckTenantAndAddressAsync(string tenantId, IPAddress? clientIp, CancellationToken cancellationToken)
    {
        var tenant = await tenants.GetAsync(tenantId, cancellationToken).ConfigureAwait(false);
        switch (tenant.Tenant?.Status)
        {
            case null:
                return AuthenticationFailureReason.UnknownTenant;
            case TenantStatus.Active:
                break;
            case TenantStatus.Suspended:
                return AuthenticationFailureReason.TenantSuspended;
            default:
                return AuthenticationFailureReason.TenantDeactivated;
        }

        if (clientIp is not null)
        {
            var blocked = await blockList.GetAsync(cancellationToken).ConfigureAwait(false);
            if (blockList.IsBlocked(blocked, clientIp))
            {
                return AuthenticationFailureReason.IpBlocked;
            }
        }

        if (tenant.AllowList is not { } allowList)
        {
            Log.InvalidAllowList(logger, tenantId);
            return AuthenticationFailureReason.AllowListInvalid;
        }

        if (allowList.IsUnrestricted)
        {
            return AuthenticationFailureReason.None;
        }

        return clientIp is null ? AuthenticationFailureReason.ClientIpUnknown
            : allowList.Allows(clientIp) ? AuthenticationFailureReason.None
            : AuthenticationFailureReason.IpNotAllowed;
    }

    private static bool HashEquals(ApiKeyRecord record, in ApiKeyHash hash)
    {
        Span<byte> computed = stackalloc byte[ApiKeyHashes.HashLength];
        hash.CopyTo(computed);
        return CryptographicOperations.FixedTimeEquals(record.Hash.Span, computed);
    }

    private ValueTask<AuthenticationResult> RateLimitedAsync(RateLimitDecision decision, IPAddress? clientIp, string? tenantId, string? keyId, string? hashPrefix, CancellationToken cancellationToken) =>
        FailAsync(AuthenticationResult.RateLimited(decision.RetryAfter, tenantId, keyId, hashPrefix), clientIp, cancellationToken, writeAudit: decision.IsFirstRefusal || _options.RateLimits.AuditEveryRefusal);

    private async ValueTask<AuthenticationResult> FailAsync(AuthenticationResult result, IPAddress? clientIp, CancellationToken cancellationToken, bool writeAudit = true)
    {
        var reason = result.FailureReason;
        var code = result.ReasonCode;
        var ip = clientIp?.ToString();
        var credential = result.KeyHashPrefix is { } prefix ? "key:" + prefix : result.SessionTokenId is { } jti ? "session:" + jti : null;
        AuthMetrics.Attempt(code);
        Log.AuthenticationFailed(logger, code, result.TenantId, result.KeyId, credential);
        events.Publish(new SecurityEvent
        {
            Type = reason == AuthenticationFailureReason.RateLimited ? SecurityEventType.RateLimited
                : reason.IsAddressRefusal() ? SecurityEventType.IpRefused
                : SecurityEventType.AuthenticationFailed,
            Timestamp = timeProvider.GetUtcNow(),
            TenantId = result.TenantId,
            ClientIp = ip,
            PrincipalId = result.KeyId,
            CredentialId = credential,
            Reason = code,
        });

        if (writeAudit)
        {
            await audit.AppendAsync(
                new AuditRecord
                {
                    EventType = reason == AuthenticationFailureReason.RateLimited ? "auth.rate_limited" : "auth.failed",
                    TenantId = result.TenantId,
                    Actor = result.KeyId is { } keyId ? "apikey:" + keyId : credential,
                    Subject = ip is null ? null : "ip:" + ip,
                    Resource = credential,
                    Outcome = AuditOutcome.Denied,
                    Reason = code,
                },
                cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private ValueTask SucceedAsync(AuthenticationResult result, IPAddress? clientIp, CancellationToken cancellationToken)
    {
        AuthMetrics.Attempt("none");
        if (_options.PublishSuccessEvents)
        {
            events.Publish(new SecurityEvent
            {
                Type = SecurityEventType.AuthenticationSucceeded,
                Timestamp = timeProvider.GetUtcNow(),
                TenantId = result.TenantId,
                ClientIp = clientIp?.ToString(),
                PrincipalId = result.KeyId,
                CredentialId = result.IsSessionToken ? "session:" + result.SessionTokenId : "key:" + result.KeyHashPrefix,
            });
        }

        if (!_options.AuditSuccesses)
        {
            return ValueTask.CompletedTask;
        }

        return audit.AppendAsync(
            new AuditRecord
            {
                EventType = "auth.succeeded",
                TenantId = result.TenantId,
                Actor = "apikey:" + result.KeyId,
                Subject = clientIp is null ? null : "ip:" + clientIp,
                Resource = result.IsSessionToken ? "session:" + result.SessionTokenId : "key:" + result.KeyHashPrefix,
                Outcome = AuditOutcome.Success,
            },
            cancellationToken);
    }
}
