namespace TekUp.Security.Auth.Sessions;

/// <summary>Options of session tokens (HS256 JWTs).</summary>
public sealed class SessionTokenOptions
{
    /// <summary>The most a token may live; validation refuses tokens whose lifetime exceeds it. Fixed at 24 hours.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(24);

    /// <summary>The <c>iss</c> claim written and required. Default <c>tekup-security</c>.</summary>
    public string Issuer { get; set; } = "tekup-security";

    /// <summary>The <c>aud</c> claim written and required. Default <c>tekup-api</c>.</summary>
    public string Audience { get; set; } = "tekup-api";

    /// <summary>The default token lifetime. Default 1 hour; at most 24 hours (start-up fails above).</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The clock skew allowed on <c>exp</c> and <c>nbf</c>. Default 30 seconds (not the JWT handler's 5 minutes); at most 5 minutes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether tokens are bound to the client address they were created from, by default. Default <see langword="false"/>.</summary>
    public bool BindToClientIp { get; set; }

    /// <summary>The longest token accepted for validation, in characters. Default 4096.</summary>
    public int MaxTokenLength { get; set; } = 4096;
}
