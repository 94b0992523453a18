namespace TekUp.Security.Auth.ApiKeys;

/// <summary>
/// A stored API key. Holds only the key's HMAC-SHA256 hash (keyed with the server-side pepper), never the key itself.
/// </summary>
public sealed record ApiKeyRecord
{
    /// <summary>The key's stable id (32 lowercase hex digits). It names the key in principals, tokens and the audit trail.</summary>
    public required string Id { get; init; }

    /// <summary>The tenant the key belongs to.</summary>
    public required string TenantId { get; init; }

    /// <summary>A display name chosen by the tenant, for example <c>billing-sync</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The scopes the key grants, copied into the authenticated principal.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>HMAC-SHA256(pepper, ASCII bytes of the key): 32 bytes. Stores look keys up by this value.</summary>
    public required ReadOnlyMemory<byte> Hash { get; init; }

    /// <summary>The first 8 hex digits of <see cref="Hash"/>: the only form of the key that logs, events and audit entries carry.</summary>
    public string HashPrefix => ApiKeyHashes.Prefix(Hash.Span);

    /// <summary>When the key was issued.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the key stops authenticating, or <see langword="null"/> for no expiry.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When the key last authenticated a request (recorded in batches, so up to a minute or so late).</summary>
    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>When the key was revoked, or <see langword="null"/>.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Why the key was revoked (a short, non-secret reason code or text).</summary>
    public string? RevocationReason { get; init; }

    /// <summary>The id of the key that replaced this one in a rotation, or <see langword="null"/>.</summary>
    public string? ReplacedById { get; init; }

    /// <summary>The optimistic-concurrency version, incremented by the store on every update.</summary>
    public long Version { get; init; }

    /// <summary>The key's state at <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    public ApiKeyState GetState(DateTimeOffset now) =>
        RevokedAt is not null ? ApiKeyState.Revoked
        : ExpiresAt is { } expires && expires <= now ? ApiKeyState.Expired
        : ApiKeyState.Active;
}
