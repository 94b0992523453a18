namespace TekUp.Security.AspNetCore.Authentication;

/// <summary>Names used by the TekUp authentication scheme.</summary>
public static class TekUpAuthenticationDefaults
{
    /// <summary>The scheme name: <c>TekUp</c>.</summary>
    public const string AuthenticationScheme = "TekUp";

    /// <summary>The default API key header: <c>X-Api-Key</c>.</summary>
    public const string ApiKeyHeaderName = "X-Api-Key";
}

/// <summary>The claim types of a TekUp principal.</summary>
public static class TekUpClaimTypes
{
    /// <summary>The tenant id.</summary>
    public const string TenantId = "tekup:tenant";

    /// <summary>The subject: the API key id.</summary>
    public const string Subject = "sub";

    /// <summary>One claim per scope granted to the key.</summary>
    public const string Scope = "scope";

    /// <summary>The principal kind (<c>ApiKey</c>).</summary>
    public const string PrincipalKind = "tekup:kind";

    /// <summary>The session token id, when the request used a session token.</summary>
    public const string SessionId = "tekup:session";

    /// <summary>How the request authenticated: <c>api_key</c> or <c>session_token</c>.</summary>
    public const string CredentialType = "tekup:credential";
}
