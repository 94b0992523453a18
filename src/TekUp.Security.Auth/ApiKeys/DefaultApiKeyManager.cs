using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TekUp.Security.Auditing;
using TekUp.Security.Auth.Internal;
using TekUp.Security.Auth.Sessions;
using TekUp.Security.Events;
using TekUp.Security.Tenants;

namespace TekUp.Security.Auth.ApiKeys;

/// <summary>Issues, rotates and revokes keys; keeps the in-process cache and session revocations in step.</summary>
internal sealed class DefaultApiKeyManager(
    IApiKeyStore store,
    ITenantStore tenants,
    ApiKeyHasher hasher,
    ApiKeyCache cache,
    SessionRevocationCache sessionRevocations,
    ISecurityEventPublisher events,
    IAuditTrail audit,
    IOptions<AuthOptions> options,
    TimeProvider timeProvider,
    ILogger<DefaultApiKeyManager> logger) : IApiKeyManager
{
    private const int MaxNameLength = 100;
    private const int MaxScopes = 100;

    public async Task<IssuedApiKey> IssueAsync(string tenantId, ApiKeyIssueRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateTenantId(tenantId);
        ValidateRequest(request);
        var now = timeProvider.GetUtcNow();
        var expiresAt = request.ExpiresAt ?? (options.Value.DefaultApiKeyLifetime is { } lifetime ? now + lifetime : null);
        if (expiresAt is { } expiry && expiry <= now)
        {
            throw new ArgumentException("The expiry must be in the future.", nameof(request));
        }

        _ = await tenants.FindAsync(tenantId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Tenant '{tenantId}' does not exist.");

        var issued = await CreateAsync(tenantId, request.Name, [.. request.Scopes], expiresAt, now, cancellationToken).ConfigureAwait(false);
        await AuditAsync("apikey.issued", issued.Record, null, cancellationToken).ConfigureAwait(false);
        Log.ApiKeyIssued(logger, tenantId, issued.Record.Id, issued.Record.HashPrefix);
        return issued;
    }

    public async Task<IssuedApiKey> RotateAsync(string tenantId, string keyId, TimeSpan overlap, CancellationToken cancellationToken = default)
    {
        ValidateTenantId(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        if (overlap < TimeSpan.Zero || overlap > TimeSpan.FromDays(90))
        {
            throw new ArgumentOutOfRangeException(nameof(overlap), overlap, "The overlap must be between zero and 90 days.");
        }

        var now = timeProvider.GetUtcNow();
        var old = await FindRequiredAsync(tenantId, keyId, cancellationToken).ConfigureAwait(false);
        if (old.GetState(now) != ApiKeyState.Active)
        {
            throw new InvalidOperationException($"API key '{keyId}' is {old.GetState(now).ToString().ToLowerInvariant()} and cannot be rotated.");
        }

        var replacement = await CreateAsync(tenantId, old.Name, old.Scopes, old.ExpiresAt, now, cancellationToken).ConfigureAwait(false);
        var overlapEnd = now + overlap;
        ApiKeyRecord retired;
        try
        {
            retired = await store.UpdateAsync(
                old with { ExpiresAt = old.ExpiresAt is { } e && e < overlapEnd ? e : overlapEnd, ReplacedById = replacement.Record.Id },
                cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Leave no second active key behind when the old one could not be retired.
            await store.UpdateAsync(replacement.Record with { RevokedAt = now, RevocationReason = "rotation_failed" }, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        cache.Remove(old.Hash.Span);
        await AuditAsync("apikey.rotated", retired, replacement.Record.Id, cancellationToken).ConfigureAwait(false);
        Log.ApiKeyRotated(logger, tenantId, old.Id, replacement.Record.Id, retired.ExpiresAt);
        return replacement;
    }

    public async Task<ApiKeyRecord> RevokeAsync(string tenantId, string keyId, string reason, CancellationToken cancellationToken = default)
    {
        ValidateTenantId(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        Names.ThrowIfInvalidReason(reason, nameof(reason));
        var key = await FindRequiredAsync(tenantId, keyId, cancellationToken).ConfigureAwait(false);
        return key.RevokedAt is not null ? key : await RevokeKeyAsync(key, reason, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> RevokeAllAsync(string tenantId, string reason, CancellationToken cancellationToken = default)
    {
        ValidateTenantId(tenantId);
        Names.ThrowIfInvalidReason(reason, nameof(reason));
        var active = new List<ApiKeyRecord>();
        await foreach (var key in store.ListAsync(tenantId, cancellationToken).ConfigureAwait(false))
        {
            if (key.RevokedAt is null)
            {
                active.Add(key);
            }
        }

        foreach (var key in active)
        {
            await RevokeKeyAsync(key, reason, cancellationToken).ConfigureAwait(false);
        }

        await sessionRevocations.AddCutoffAsync(new SessionCutoff { TenantId = tenantId, IssuedBefore = timeProvider.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        return active.Count;
    }

    public ValueTask<ApiKeyRecord?> FindAsync(string tenantId, string keyId, CancellationToken cancellationToken = default)
    {
        ValidateTenantId(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        return store.FindAsync(tenantId, keyId, cancellationToken);
    }

    public async IAsyncEnumerable<ApiKeyRecord> ListAsync(string tenantId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ValidateTenantId(tenantId);
        await foreach (var key in store.ListAsync(tenantId, cancellationToken).ConfigureAwait(false))
        {
            yield return key;
        }
    }

    private async Task<IssuedApiKey> CreateAsync(string tenantId, string name, IReadOnlyList<string> scopes, DateTimeOffset? expiresAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = ApiKeyFormat.Generate();
        var hash = hasher.Compute(key);
        var record = await store.CreateAsync(
            new ApiKeyRecord
            {
                Id = Guid.CreateVersion7(now).ToString("N"),
                TenantId = tenantId,
                Name = name,
                Scopes = scopes,
                Hash = hash.ToArray(),
                CreatedAt = now,
                ExpiresAt = expiresAt,
            },
            cancellationToken).ConfigureAwait(false);
        return new IssuedApiKey(key, record);
    }

    private async Task<ApiKeyRecord> RevokeKeyAsync(ApiKeyRecord key, string reason, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var revoked = await store.UpdateAsync(key with { RevokedAt = now, RevocationReason = reason }, cancellationToken).ConfigureAwait(false);
        cache.Remove(key.Hash.Span);
        await sessionRevocations.AddCutoffAsync(new SessionCutoff { TenantId = key.TenantId, KeyId = key.Id, IssuedBefore = now }, cancellationToken).ConfigureAwait(false);
        events.Publish(new SecurityEvent
        {
            Type = SecurityEventType.ApiKeyRevoked,
            Timestamp = now,
            TenantId = key.TenantId,
            PrincipalId = key.Id,
            CredentialId = "key:" + key.HashPrefix,
            Reason = reason,
        });
        await AuditAsync("apikey.revoked", revoked, null, cancellationToken, reason).ConfigureAwait(false);
        Log.ApiKeyRevoked(logger, key.TenantId, key.Id, reason);
        return revoked;
    }

    private async Task<ApiKeyRecord> FindRequiredAsync(string tenantId, string keyId, CancellationToken cancellationToken) =>
        await store.FindAsync(tenantId, keyId, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException($"API key '{keyId}' does not exist in tenant '{tenantId}'.");

    private ValueTask AuditAsync(string eventType, ApiKeyRecord key, string? replacementId, CancellationToken cancellationToken, string? reason = null)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal) { ["key_hash_prefix"] = key.HashPrefix, ["name"] = key.Name };
        if (key.ExpiresAt is { } expires)
        {
            data["expires_at"] = expires.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (replacementId is not null)
        {
            data["replaced_by"] = replacementId;
        }

        return audit.AppendAsync(
            new AuditRecord { EventType = eventType, TenantId = key.TenantId, Actor = "system", Resource = "apikey:" + key.Id, Outcome = AuditOutcome.Success, Reason = reason, Data = data },
            cancellationToken);
    }

    private static void ValidateTenantId(string tenantId)
    {
        if (!Names.IsValid(tenantId))
        {
            throw new ArgumentException("A tenant id is 1-64 ASCII letters, digits, '.', '-' or '_'.", nameof(tenantId));
        }
    }

    private static void ValidateRequest(ApiKeyIssueRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > MaxNameLength || request.Name.Any(char.IsControl))
        {
            throw new ArgumentException($"A key name is 1-{MaxNameLength} characters without control characters.", nameof(request));
        }

        ArgumentNullException.ThrowIfNull(request.Scopes, nameof(request));
        if (request.Scopes.Count > MaxScopes)
        {
            throw new ArgumentException($"A key has at most {MaxScopes} scopes.", nameof(request));
        }

        foreach (var scope in request.Scopes)
        {
            if (!IsValidScope(scope))
            {
                throw new ArgumentException($"Invalid scope '{scope}': 1-64 ASCII letters, digits, '.', ':', '/', '-', '_' or '*'.", nameof(request));
            }
        }
    }

    private static bool IsValidScope(string? scope) =>
        !string.IsNullOrEmpty(scope) && scope.Length <= 64 && scope.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or ':' or '/' or '-' or '_' or '*');
}
