namespace TekUp.Security.Auth.Sessions;

/// <summary>A newly created session token. The token is a bearer credential: never log it.</summary>
public sealed class SessionToken
{
    internal SessionToken(string token, string tokenId, string tenantId, string keyId, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        Token = token;
        TokenId = tokenId;
        TenantId = tenantId;
        KeyId = keyId;
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
    }

    /// <summary>The compact JWT to send as <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    public string Token { get; }

    /// <summary>The token id (<c>jti</c>): name it to revoke this token.</summary>
    public string TokenId { get; }

    /// <summary>The tenant the token belongs to.</summary>
    public string TenantId { get; }

    /// <summary>The id of the API key the session was created from (the token's subject).</summary>
    public string KeyId { get; }

    /// <summary>When the token was issued.</summary>
    public DateTimeOffset IssuedAt { get; }

    /// <summary>When the token expires.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>Returns the token id, never the token.</summary>
    public override string ToString() => $"SessionToken {TokenId} (tenant {TenantId}, expires {ExpiresAt:O})";
}
