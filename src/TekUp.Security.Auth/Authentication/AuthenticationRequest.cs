using System.Net;

namespace TekUp.Security.Auth.Authentication;

/// <summary>
/// One authentication attempt: an API key or a session token, and the client address as the host's transport saw it
/// (for HTTP: the connection's remote address, rewritten by forwarded headers only behind known proxies).
/// </summary>
public readonly record struct AuthenticationRequest
{
    /// <summary>The presented API key, or <see langword="null"/>.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The presented session token (compact JWT), or <see langword="null"/>. Ignored when <see cref="ApiKey"/> is set.</summary>
    public string? SessionToken { get; init; }

    /// <summary>The client address, or <see langword="null"/> when the transport has none (then IP rules cannot match).</summary>
    public IPAddress? ClientIp { get; init; }

    /// <summary>An attempt with an API key.</summary>
    /// <param name="apiKey">The presented key.</param>
    /// <param name="clientIp">The client address.</param>
    public static AuthenticationRequest ForApiKey(string? apiKey, IPAddress? clientIp) => new() { ApiKey = apiKey, ClientIp = clientIp };

    /// <summary>An attempt with a session token.</summary>
    /// <param name="sessionToken">The presented token.</param>
    /// <param name="clientIp">The client address.</param>
    public static AuthenticationRequest ForSessionToken(string? sessionToken, IPAddress? clientIp) => new() { SessionToken = sessionToken, ClientIp = clientIp };
}
