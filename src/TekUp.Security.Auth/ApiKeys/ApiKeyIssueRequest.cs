namespace TekUp.Security.Auth.ApiKeys;

/// <summary>What to issue: a key's name, scopes and expiry.</summary>
public sealed record ApiKeyIssueRequest
{
    /// <summary>A display name: 1-100 characters, no control characters.</summary>
    public required string Name { get; init; }

    /// <summary>The scopes the key grants: each 1-64 ASCII letters, digits, '.', ':', '/', '-', '_' or '*'.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>When the key expires, or <see langword="null"/> for <see cref="AuthOptions.DefaultApiKeyLifetime"/> (which may be none).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}
