using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TekUp.Security.Auditing;
using TekUp.Security.Auth.Authentication;
using TekUp.Security.Auth.Internal;
using TekUp.Security.Events;

namespace TekUp.Security.Auth.Sessions;

/// <summary>Creates session tokens for API-key callers and records revocations.</summary>
internal sealed class DefaultSessionTokenService(
    SessionTokenHandler handler,
    SessionRevocationCache revocations,
    ISecurityEventPublisher events,
    IAuditTrail audit,
    IOptions<AuthOptions> options,
    TimeProvider timeProvider,
    ILogger<DefaultSessionTokenService> logger) : ISessionTokenService
{
    private readonly SessionTokenOptions _options = options.Value.Sessions;

    public async Task<SessionToken> CreateAsync(AuthenticationResult authenticated, SessionTokenRequest? request = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authenticated);
        if (!authenticated.Succeeded || authenticated.Principal is null || authenticated.KeyId is null)
        {
            throw new ArgumentException("A session token is only created for a successful authentication.", nameof(authenticated));
        }

        if (authenticated.IsSessionToken)
        {
            // A session cannot extend itself: only an API key creates sessions, so revoking the key ends them all.
            throw new ArgumentException("A session token cannot create another session token; authenticate with the API key.", nameof(authenticated));
        }

        var lifetime = request?.Lifetime ?? _options.Lifetime;
        if (lifetime <= TimeSpan.Zero || lifetime > SessionTokenOptions.MaxLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(request), lifetime, "A session token lives more than zero and at most 24 hours.");
        }

        var bound = request?.ClientIp;
        var token = await handler.CreateAsync(authenticated.Principal, authenticated.KeyId, lifetime, bound, cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(
            new AuditRecord
            {
                EventType = "session.created",
                TenantId = token.TenantId,
                Actor = "apikey:" + token.KeyId,
                Resource = "session:" + token.TokenId,
                Outcome = AuditOutcome.Success,
                Data = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["expires_at"] = token.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    ["ip_bound"] = bound is null ? "false" : "true",
                },
            },
            cancellationToken).ConfigureAwait(false);
        Log.SessionCreated(logger, token.TenantId, token.KeyId, token.TokenId);
        return token;
    }

    public async Task RevokeAsync(string tenantId, string tokenId, DateTimeOffset expiresAt, string reason, CancellationToken cancellationToken = default)
    {
        ValidateTenantId(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        if (tokenId.Length > 64)
        {
            throw new ArgumentException("A token id is at most 64 characters.", nameof(tokenId));
        }
        Names.ThrowIfInvalidReason(reason, nameof(reason));
        var now = timeProvider.GetUtcNow();
        await revocations.AddRevocationAsync(new SessionTokenRevocation { TenantId = tenantId, TokenId = tokenId, ExpiresAt = expiresAt, RevokedAt = now }, cancellationToken).ConfigureAwait(false);
        await RecordAsync(tenantId, null, "session:" + tokenId, reason, now, cancellationToken).ConfigureAwait(false);
    }

    public async Task RevokeIssuedBeforeAsync(string tenantId, string? keyId, DateTimeOffset issuedBefore, string reason, CancellationToken cancellationToken = default)
    {
        ValidateTenantId(tenantId);
        Names.ThrowIfInvalidReason(reason, nameof(reason));
        if (keyId is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(keyId);
        }

        await revocations.AddCutoffAsync(new SessionCutoff { TenantId = tenantId, KeyId = keyId, IssuedBefore = issuedBefore }, cancellationToken).ConfigureAwait(false);
        var resource = keyId is null ? "sessions:tenant" : "sessions:apikey:" + keyId;
        await RecordAsync(tenantId, keyId, resource, reason, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    private static void ValidateTenantId(string tenantId)
    {
        if (!Names.IsValid(tenantId))
        {
            throw new ArgumentException("A tenant id is 1-64 ASCII letters, digits, '.', '-' or '_'.", nameof(tenantId));
        }
    }

    private async Task RecordAsync(string tenantId, string? keyId, string resource, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        events.Publish(new SecurityEvent { Type = SecurityEventType.SessionRevoked, Timestamp = now, TenantId = tenantId, PrincipalId = keyId, CredentialId = resource, Reason = reason });
        await audit.AppendAsync(
            new AuditRecord { EventType = "session.revoked", TenantId = tenantId, Actor = "system", Resource = resource, Outcome = AuditOutcome.Success, Reason = reason },
            cancellationToken).ConfigureAwait(false);
        Log.SessionsRevoked(logger, tenantId, resource, reason);
    }
}
