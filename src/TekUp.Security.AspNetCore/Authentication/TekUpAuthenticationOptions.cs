using Microsoft.AspNetCore.Authentication;

namespace TekUp.Security.AspNetCore.Authentication;

/// <summary>Options of the TekUp authentication scheme.</summary>
public sealed class TekUpAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>The request header that carries an API key. Default <c>X-Api-Key</c>. Keys in query strings are never read (they end up in logs).</summary>
    public string ApiKeyHeaderName { get; set; } = TekUpAuthenticationDefaults.ApiKeyHeaderName;

    /// <summary>Whether <c>Authorization: Bearer &lt;session token&gt;</c> is accepted. Default <see langword="true"/>.</summary>
    public bool AcceptSessionTokens { get; set; } = true;

    /// <summary>The realm named in <c>WWW-Authenticate</c> challenges. Default <c>tekup</c>.</summary>
    public string Realm { get; set; } = "tekup";
}
